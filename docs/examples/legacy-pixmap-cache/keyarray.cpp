#include "keyarray.h"

#include <QtCore/qglobal.h>

#include <cstdlib>

KeyArray::~KeyArray() { free(slots); }

// Each free slot stores the index of the next free one.
int KeyArray::createKey() {
  if (freeSlot == size)
    resize(size ? size * 2 : 64);
  const int id = freeSlot;
  freeSlot = slots[id];
  return id + 1;
}

void KeyArray::releaseKey(int key) {
  if (key < 1 || key > size)
    return;
  slots[key - 1] = freeSlot;
  freeSlot = key - 1;
}

void KeyArray::resize(int newSize) {
  if (newSize <= size)
    return;
  slots = q_check_ptr(static_cast<int *>(realloc(slots, newSize * sizeof(int))));
  for (int i = size; i != newSize; ++i)
    slots[i] = i + 1;
  size = newSize;
}
