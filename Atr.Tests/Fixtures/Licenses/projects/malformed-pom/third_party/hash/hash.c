/* A string hash with a good spread for short keys. */
unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    while (*s) {
        h = h * 33 + (unsigned char)*s++;
    }
    return h;
}
