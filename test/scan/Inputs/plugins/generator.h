// A framework that runs a virtual hook on a worker thread, for the generators that declare
// themselves thread-safe (as Okular's Generator::Threaded feature does); the others are
// called on the GUI thread. Which ones run on the worker is data the scanner cannot see.
#include <QtCore/QString>
#include <QtGui/QPixmap>

class Generator {
public:
  virtual ~Generator() = default;
  virtual QString text() { return {}; }
  virtual bool threaded() const { return false; }
};

// Defined here, so every unit that includes this header sees this override.
class PreviewGenerator : public Generator {
public:
  QString text() override {
    QPixmap preview(16, 16);
    return {};
  }
};
