/* version.h - the release every binary reports with --version, and the
 * copyright line of LICENSE under it */
#ifndef HL_VERSION_H
#define HL_VERSION_H
#define HL_VERSION "0.1.0"
#define HL_COPYRIGHT "Copyright (c) 2026 the hl maintainers (ISC licence)"
#endif
