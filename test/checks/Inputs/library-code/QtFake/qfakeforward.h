#include "src/qfakeforwarded.h"
