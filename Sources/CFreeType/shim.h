// FreeType, used only by the Synth target to draw OCR-B glyphs.
#include <ft2build.h>
#include FT_FREETYPE_H
