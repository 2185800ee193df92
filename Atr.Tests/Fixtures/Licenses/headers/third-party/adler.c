/* adler.c -- running checksum of a byte stream
 * Copyright (C) 2003 Chris Example
 *
 * This software is provided 'as-is', without any express or implied
 * warranty.  In no event will the authors be held liable for any damages
 * arising from the use of this software.
 *
 * Permission is granted to anyone to use this software for any purpose,
 * including commercial applications, and to alter it and redistribute it
 * freely, subject to the following restrictions:
 *
 * 1. The origin of this software must not be misrepresented; you must not
 *    claim that you wrote the original software.
 * 2. Altered source versions must be plainly marked as such, and must not be
 *    misrepresented as being the original software.
 * 3. This notice may not be removed or altered from any source distribution.
 */

unsigned long adler(unsigned long sum, const unsigned char *buf, unsigned len)
{
    unsigned long a = sum & 0xffff, b = sum >> 16;
    while (len--) {
        a = (a + *buf++) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}
