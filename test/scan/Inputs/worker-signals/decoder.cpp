#include "decoder.h"

void Decoder::decode() { Q_EMIT progress(50); }
