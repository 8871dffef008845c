/*
 * type_info and std::exception support the compiled STL calls into the runtime for: the __std_type_info_*
 * functions (vcruntime140) and msvcrt's type_info members, and __std_exception_copy/destroy, which copy
 * or free the message a std::exception owns.
 *
 * A TypeDescriptor (ehdata.h) is what `typeid` refers to: a vtable pointer, a slot the runtime caches the
 * undecorated name in, and the decorated name (".?AVexception@std@@"). Undecoration here covers what
 * type names are made of most of the time: classes, structs, unions and enums in namespaces, and the
 * fundamental types; anything else (templates, pointers, functions) is shown decorated, less the ".?A".
 */
#include <string.h>

#include "ntdll/rtl/rtl.h"
#include "vcruntime/cxxeh.h"
#include "vcruntime/ehdata.h"

/* The layout vcruntime's <typeinfo> passes: the cached undecorated name, then the decorated one. */
struct type_info_data {
    const char *undecorated;
    char decorated[];
};

/* The list __std_type_info_name links the names it allocated into, to free them at unload. */
struct type_info_list {
    void *head;   /* SLIST_HEADER in vcruntime; a singly linked list of name blocks here */
};

struct name_block {
    struct name_block *next;
    char text[];
};

static PVOID heap(void)
{
    return RtlGetProcessHeap();
}

static const char *fundamental(char c)
{
    switch (c) {
    case 'C': return "signed char";
    case 'D': return "char";
    case 'E': return "unsigned char";
    case 'F': return "short";
    case 'G': return "unsigned short";
    case 'H': return "int";
    case 'I': return "unsigned int";
    case 'J': return "long";
    case 'K': return "unsigned long";
    case 'M': return "float";
    case 'N': return "double";
    case 'O': return "long double";
    case 'X': return "void";
    default: return NULL;
    }
}

static const char *fundamental_ext(char c)
{
    switch (c) {
    case 'J': return "__int64";
    case 'K': return "unsigned __int64";
    case 'N': return "bool";
    case 'S': return "char16_t";
    case 'U': return "char32_t";
    case 'W': return "wchar_t";
    case 'Q': return "char8_t";
    default: return NULL;
    }
}

/* Writes the undecorated name of a type descriptor's decorated name into out (size bytes). */
static void undecorate(const char *d, char *out, size_t size)
{
    const char *kind = NULL;
    const char *s = d[0] == '.' ? d + 1 : d;
    out[0] = 0;
    if (s[0] == '?' && s[1] == 'A') {
        switch (s[2]) {
        case 'V': kind = "class "; break;
        case 'U': kind = "struct "; break;
        case 'T': kind = "union "; break;
        case 'W': kind = s[3] == '4' ? "enum " : NULL; break;
        }
        const char *n = s + 3 + (s[2] == 'W');
        if (kind && !strchr(n, '?') && !strchr(n, '$')) {
            /* names come innermost first, '@'-separated, ending in "@@": reverse them into scopes */
            const char *parts[32];
            size_t lens[32], count = 0;
            const char *p = n;
            while (*p && *p != '@' && count < 32) {
                const char *at = strchr(p, '@');
                if (!at)
                    break;
                parts[count] = p;
                lens[count++] = (size_t)(at - p);
                p = at + 1;
            }
            if (count && *p == '@') {
                size_t used = 0;
                size_t k = strlen(kind);
                if (k < size) {
                    memcpy(out, kind, k);
                    used = k;
                }
                for (size_t i = count; i-- > 0;) {
                    if (used + lens[i] + 3 >= size)
                        break;
                    memcpy(out + used, parts[i], lens[i]);
                    used += lens[i];
                    if (i) {
                        memcpy(out + used, "::", 2);
                        used += 2;
                    }
                }
                out[used] = 0;
                return;
            }
        }
    }
    const char *f = NULL;
    if (s[0] && !s[1])
        f = fundamental(s[0]);
    else if (s[0] == '_' && s[1] && !s[2])
        f = fundamental_ext(s[1]);
    if (!f)
        f = s[0] == '?' && s[1] == 'A' ? s + 2 : s;
    size_t n = strlen(f);
    if (n >= size)
        n = size - 1;
    memcpy(out, f, n);
    out[n] = 0;
}

const char *WINAPI cxx_std_type_info_name(void *data_v, void *list_v)
{
    struct type_info_data *data = data_v;
    struct type_info_list *list = list_v;
    const char *cached = __atomic_load_n(&data->undecorated, __ATOMIC_ACQUIRE);
    if (cached)
        return cached;
    char text[512];
    undecorate(data->decorated, text, sizeof text);
    size_t n = strlen(text) + 1;
    struct name_block *b = RtlAllocateHeap(heap(), 0, sizeof *b + n);
    if (!b)
        return NULL;
    memcpy(b->text, text, n);
    const char *expected = NULL;
    if (!__atomic_compare_exchange_n(&data->undecorated, &expected, b->text, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        RtlFreeHeap(heap(), 0, b);
        return expected;   /* another thread cached it first */
    }
    if (list) {
        b->next = __atomic_load_n((struct name_block **)&list->head, __ATOMIC_ACQUIRE);
        while (!__atomic_compare_exchange_n((struct name_block **)&list->head, &b->next, b, false,
                                            __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            ;
    }
    return b->text;
}

void WINAPI cxx_std_type_info_destroy_list(void *list_v)
{
    struct type_info_list *list = list_v;
    struct name_block *b = __atomic_exchange_n((struct name_block **)&list->head, NULL, __ATOMIC_ACQ_REL);
    while (b) {
        struct name_block *next = b->next;
        RtlFreeHeap(heap(), 0, b);
        b = next;
    }
}

/* type_info equality is name equality (skipping the '.'), so types from two DLLs compare equal. */
int WINAPI cxx_std_type_info_compare(const void *a_v, const void *b_v)
{
    const struct type_info_data *a = a_v, *b = b_v;
    if (a == b)
        return 0;
    return strcmp(a->decorated + 1, b->decorated + 1);
}

/* FNV-1a over the decorated name without its '.', as vcruntime hashes (64-bit). */
size_t WINAPI cxx_std_type_info_hash(const void *data_v)
{
    const struct type_info_data *data = data_v;
    uint64_t h = 14695981039346656037ull;
    for (const unsigned char *p = (const unsigned char *)data->decorated + 1; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return (size_t)h;
}

/* ---- msvcrt's type_info members (this = the TypeDescriptor: vtable, cached name, decorated name) --------- */

struct type_info_object {
    const void *vtable;
    struct type_info_data data;
};

/* The one list msvcrt's names go to. */
static struct type_info_list msvcrt_names;

void WINAPI cxx_type_info_dtor(void *self)
{
    /* the cached name belongs to the list, which lives as long as the process: nothing to free here */
    (void)self;
}

const char *WINAPI cxx_type_info_name(void *self)
{
    return cxx_std_type_info_name(&((struct type_info_object *)self)->data, &msvcrt_names);
}

const char *WINAPI cxx_type_info_raw_name(void *self)
{
    return ((struct type_info_object *)self)->data.decorated;
}

int WINAPI cxx_type_info_equal(const void *self, const void *other)
{
    return !cxx_std_type_info_compare(&((const struct type_info_object *)self)->data,
                                      &((const struct type_info_object *)other)->data);
}

int WINAPI cxx_type_info_unequal(const void *self, const void *other)
{
    return !cxx_type_info_equal(self, other);
}

int WINAPI cxx_type_info_before(const void *self, const void *other)
{
    return cxx_std_type_info_compare(&((const struct type_info_object *)self)->data,
                                     &((const struct type_info_object *)other)->data) < 0;
}

/* ---- std::exception's message ------------------------------------------------------------------------------ */

struct std_exception_data {
    const char *what;
    BOOLEAN do_free;
};

void WINAPI cxx_std_exception_copy(const void *from_v, void *to_v)
{
    const struct std_exception_data *from = from_v;
    struct std_exception_data *to = to_v;
    to->what = NULL;
    to->do_free = FALSE;
    if (!from->do_free || !from->what) {
        to->what = from->what;
        return;
    }
    size_t n = strlen(from->what) + 1;
    char *copy = RtlAllocateHeap(heap(), 0, n);
    if (!copy)
        return;   /* as vcruntime: out of memory leaves the copy without a message */
    memcpy(copy, from->what, n);
    to->what = copy;
    to->do_free = TRUE;
}

void WINAPI cxx_std_exception_destroy(void *data_v)
{
    struct std_exception_data *data = data_v;
    if (data->do_free)
        RtlFreeHeap(heap(), 0, (void *)data->what);
    data->what = NULL;
    data->do_free = FALSE;
}
