/*
 * Where LoadLibrary looks (issue #13): a plugin host whose plugins/ folder holds plugin.dll and the
 * plugdep.dll it imports, found through SetDllDirectory, LOAD_WITH_ALTERED_SEARCH_PATH, the
 * LOAD_LIBRARY_SEARCH_* flags and AddDllDirectory; then the standard order (application directory before
 * the current directory before PATH; SetDllDirectory("") dropping the current directory) with DLLs of the
 * same name in several folders, each telling which one it is.
 */
#include "say.h"

static char app_dir[MAX_PATH];

typedef int (*id_fn)(void);

static void try_load(const char *what, const char *name, DWORD flags)
{
    SetLastError(0xdeadbeef);
    HMODULE h = LoadLibraryExA(name, NULL, flags);
    if (!h) {
        say("%s: NULL, error %lu", what, GetLastError());
        return;
    }
    id_fn id = (id_fn)GetProcAddress(h, "talker_id");
    id_fn dep = (id_fn)GetProcAddress(h, "talker_dep_id");
    say("%s: loaded, id %d%s", what, id ? id() : -1, dep ? (dep() == 40 ? ", its dependency answers" : ", ?") : "");
    say("%s: FreeLibrary %d", what, FreeLibrary(h));
}

/* What GetDllDirectory returns: its length, and whether it is the plugins folder (paths differ between
 * machines, so they are not printed). */
static void show_dll_directory(void)
{
    char buf[MAX_PATH], plugins[MAX_PATH];
    snprintf(plugins, sizeof plugins, "%s\\plugins", app_dir);
    DWORD n = GetDllDirectoryA(sizeof buf, buf);
    char small[4];
    DWORD need = GetDllDirectoryA(sizeof small, small);
    say("GetDllDirectoryA: %s, short buffer %s", !n ? "empty" : n == strlen(plugins) && !strcmp(buf, plugins) ? "the plugins folder" : buf,
        need == n + 1 ? "asks for the length + 1" : need == 0 && n == 0 ? "0" : "?");
}

/* DLLs of one name in several folders: orderz.dll in the application directory (id 1) and in cwdtest
 * (2), orderx.dll in cwdtest (2) and pathdir (3), ordery.dll in pathdir (3). */
static int order_tests(void)
{
    char cwdtest[MAX_PATH], pathdir[MAX_PATH];
    snprintf(cwdtest, sizeof cwdtest, "%s\\cwdtest", app_dir);
    snprintf(pathdir, sizeof pathdir, "%s\\pathdir", app_dir);
    say("-- the standard order");
    say("SetCurrentDirectoryA(cwdtest): %d", SetCurrentDirectoryA(cwdtest));
    try_load("orderz.dll", "orderz.dll", 0);
    try_load("orderx.dll", "orderx.dll", 0);
    try_load("ordery.dll", "ordery.dll", 0);
    say("SetEnvironmentVariableA(PATH, pathdir): %d", SetEnvironmentVariableA("PATH", pathdir));
    try_load("orderx.dll", "orderx.dll", 0);
    try_load("ordery.dll", "ordery.dll", 0);
    say("SetDllDirectoryA(\"\"): %d", SetDllDirectoryA(""));
    show_dll_directory();
    try_load("orderx.dll", "orderx.dll", 0);
    try_load(".\\orderx.dll", ".\\orderx.dll", 0);
    say("SetDllDirectoryA(NULL): %d", SetDllDirectoryA(NULL));
    try_load("orderx.dll", "orderx.dll", 0);
    try_load("cwdtest\\orderx.dll", "cwdtest\\orderx.dll", 0);
    try_load("pathdir\\orderx.dll", "pathdir\\orderx.dll", 0);
    return 0;
}

int main(int argc, char **argv)
{
    GetModuleFileNameA(NULL, app_dir, sizeof app_dir);
    *strrchr(app_dir, '\\') = 0;
    if (argc > 1 && !strcmp(argv[1], "order"))
        return order_tests();
    char plugin[MAX_PATH], plugins[MAX_PATH];
    snprintf(plugins, sizeof plugins, "%s\\plugins", app_dir);
    snprintf(plugin, sizeof plugin, "%s\\plugin.dll", plugins);

    say("-- a plugin folder");
    try_load("plugin.dll by name", "plugin.dll", 0);
    show_dll_directory();
    say("SetDllDirectoryA(plugins): %d", SetDllDirectoryA(plugins));
    show_dll_directory();
    try_load("plugin.dll with the DLL directory", "plugin.dll", 0);
    say("SetDllDirectoryA(NULL): %d", SetDllDirectoryA(NULL));
    show_dll_directory();
    try_load("full path, standard search", plugin, 0);
    say("after the failed load, plugin.dll loaded: %d, plugdep.dll loaded: %d", GetModuleHandleA("plugin.dll") != NULL,
        GetModuleHandleA("plugdep.dll") != NULL);
    try_load("full path, LOAD_WITH_ALTERED_SEARCH_PATH", plugin, LOAD_WITH_ALTERED_SEARCH_PATH);
    try_load("full path, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR", plugin, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
    try_load("name, LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR", "plugin.dll", LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR);
    try_load("altered + SEARCH_SYSTEM32", plugin, LOAD_WITH_ALTERED_SEARCH_PATH | LOAD_LIBRARY_SEARCH_SYSTEM32);

    SetLastError(0xdeadbeef);
    DLL_DIRECTORY_COOKIE bad = AddDllDirectory(L"plugins");
    say("AddDllDirectory(relative): %s, error %lu", bad ? "cookie" : "NULL", GetLastError());
    WCHAR wplugins[MAX_PATH];
    MultiByteToWideChar(CP_ACP, 0, plugins, -1, wplugins, MAX_PATH);
    DLL_DIRECTORY_COOKIE cookie = AddDllDirectory(wplugins);
    say("AddDllDirectory(plugins): %s", cookie ? "cookie" : "NULL");
    try_load("name, LOAD_LIBRARY_SEARCH_USER_DIRS", "plugin.dll", LOAD_LIBRARY_SEARCH_USER_DIRS);
    try_load("name, LOAD_LIBRARY_SEARCH_DEFAULT_DIRS", "plugin.dll", LOAD_LIBRARY_SEARCH_DEFAULT_DIRS);
    try_load("name, LOAD_LIBRARY_SEARCH_SYSTEM32", "plugin.dll", LOAD_LIBRARY_SEARCH_SYSTEM32);
    try_load("kernel32, LOAD_LIBRARY_SEARCH_SYSTEM32", "kernel32.dll", LOAD_LIBRARY_SEARCH_SYSTEM32);
    try_load("name, standard search", "plugin.dll", 0);
    SetLastError(0xdeadbeef);
    say("SetDefaultDllDirectories(0): %d, error %lu", SetDefaultDllDirectories(0), GetLastError());
    SetLastError(0xdeadbeef);
    say("SetDefaultDllDirectories(DLL_LOAD_DIR): %d, error %lu",
        SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_DLL_LOAD_DIR), GetLastError());
    say("SetDefaultDllDirectories(USER_DIRS): %d", SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_USER_DIRS));
    try_load("name, default directories USER_DIRS", "plugin.dll", 0);
    say("SetDefaultDllDirectories(DEFAULT_DIRS): %d", SetDefaultDllDirectories(LOAD_LIBRARY_SEARCH_DEFAULT_DIRS));
    say("RemoveDllDirectory: %d", RemoveDllDirectory(cookie));
    try_load("name, default directories without the user directory", "plugin.dll", 0);

    /* The standard order is not to be had again in this process once SetDefaultDllDirectories ran: a
     * child shows it. */
    char cmd[MAX_PATH + 32];
    snprintf(cmd, sizeof cmd, "\"%s\\ldr_search.exe\" order", app_dir);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        say("CreateProcess: error %lu", GetLastError());
        return 1;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    return 0;
}
