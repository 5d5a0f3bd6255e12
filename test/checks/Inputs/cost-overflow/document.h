// A public class whose private part only the file that implements it defines.
class Document {
public:
  Document();

private:
  class Private;
  Private *d;
};
