/* The stb_truetype and stb_rect_pack functions Dear ImGui and glyphs.cpp
   call, from Debian's libstb-dev headers: natively they come from Debian's
   libstb.so, for the web they are compiled here, once. */
#define STB_TRUETYPE_IMPLEMENTATION
#define STB_RECT_PACK_IMPLEMENTATION
#include <stb/stb_rect_pack.h>
#include <stb/stb_truetype.h>
