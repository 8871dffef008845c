// type_info's vtable, which the static part of Microsoft's runtime (vcruntime.lib) provides: every type
// descriptor's first field points to it. These programs never call through it. _fltused: the CRT's
// marker that a program uses floating point, which the compiler references.
extern "C" const void *const type_info_vftable[2] __asm__("??_7type_info@@6B@") = {nullptr, nullptr};
extern "C" int _fltused = 0;
