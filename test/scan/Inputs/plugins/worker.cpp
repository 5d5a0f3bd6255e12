#include "generator.h"

#include <QtCore/QThread>

class TextThread : public QThread {
public:
  explicit TextThread(Generator *G) : Generator_(G) {}
  void run() override { Result = Generator_->text(); }
  QString Result;

private:
  Generator *Generator_;
};

void startText(Generator *G) {
  if (G->threaded())
    (new TextThread(G))->start();
}
