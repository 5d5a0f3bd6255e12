// Declared here, defined in b.cpp: the thread entry in a.cpp cannot see what it does.
class QPixmap;
bool cachedThumbnail(QPixmap *Out);
