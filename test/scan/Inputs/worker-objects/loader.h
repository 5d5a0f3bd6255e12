#include <QtCore/QObject>

class Loader : public QObject {
public:
  void load(int tile);
};

int makeThumbnail(int tile);
