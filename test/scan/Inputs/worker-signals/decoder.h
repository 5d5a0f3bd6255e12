#include <QtCore/QObject>

class Decoder : public QObject {
  Q_OBJECT
public:
  void decode();
Q_SIGNALS:
  void progress(int percent);
};

class Cleaner : public QObject {
public:
  void clean();
};
