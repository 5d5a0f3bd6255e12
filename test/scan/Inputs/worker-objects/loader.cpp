#include "loader.h"

void Loader::load(int tile) { makeThumbnail(tile); }
