// The Tesseract C API and Leptonica, the only C that docguard's OCR target sees.
#include <tesseract/capi.h>
#include <leptonica/allheaders.h>
