int beforeTheCrash;
#pragma clang __debug crash
int afterTheCrash;
