// Input of local-parents.test: template shapes whose instantiated nodes clang's traversal
// visits away from the text that holds them.
#include <QtCore/QtGlobal>

// Declared first here, defined below: clang visits the instantiations of Grid under this
// first declaration, not under the definition whose text holds their nodes.
template <typename T> class Grid;

template <typename T> class Grid {
public:
  qint64 cells() const { return qint64(rows * columns); }
  qint64 bytes() const;
  qint64 fixedBytes(int width, int height) const { return width * height; }
  T rows = 0, columns = 0;
};

// An out-of-line member of a class template: visited under the class's first declaration.
template <typename T> qint64 Grid<T>::bytes() const { return rows * columns * 4; }

struct Sheet {
  template <typename T> qint64 area(T w, T h) const;
};
// An out-of-line member template of a plain class: visited under its declaration in Sheet.
template <typename T> qint64 Sheet::area(T w, T h) const { return w * h; }

qint64 use(const Grid<int> &grid, const Sheet &sheet, int w, int h) {
  return grid.cells() + grid.bytes() + grid.fixedBytes(w, h) + sheet.area(w, h);
}
