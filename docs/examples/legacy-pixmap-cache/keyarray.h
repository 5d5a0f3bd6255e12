// Slot allocation for cache keys, modelled on QPMCache's key array (qpixmapcache.cpp).
#pragma once

class KeyArray {
public:
  ~KeyArray();
  int createKey();
  void releaseKey(int key);

private:
  void resize(int size);

  int *slots = nullptr;
  int size = 0;
  int freeSlot = 0;
};
