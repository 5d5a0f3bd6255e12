// Clang's own crash switch stands for any crash in clang or in a check.
int beforeTheCrash;
#pragma clang __debug crash
