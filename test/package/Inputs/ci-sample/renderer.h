#pragma once
#include <QtCore/QObject>

class Renderer : public QObject {
  Q_OBJECT
public Q_SLOTS:
  void render(int tile);
Q_SIGNALS:
  void rendered(int tile);
};
