// A C++ program built the default way (libstdc++-6.dll and libgcc_s_seh-1.dll beside it), using what
// those DLLs import from kernel32: std::system_category messages (FormatMessageA), and std::filesystem
// (hard links, space, file times, directory walks).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

int main()
{
    for (int code : {2, 5, 87, 183, 123456})
        std::printf("system_category %d: [%s]\n", code, std::error_code(code, std::system_category()).message().c_str());
    std::printf("generic condition of 2: [%s]\n",
                std::system_category().default_error_condition(2).message().c_str());
    try {
        throw std::system_error(std::error_code(3, std::system_category()), "opening");
    } catch (const std::system_error &e) {
        std::printf("system_error: [%s] code %d\n", e.what(), e.code().value());
    }

    std::error_code ec;
    fs::remove_all("fsdir", ec);
    fs::create_directories("fsdir/sub/deeper");
    { std::ofstream("fsdir/a.txt") << "hello"; }
    std::printf("exists %d, size %ju\n", (int)fs::exists("fsdir/a.txt"), (std::uintmax_t)fs::file_size("fsdir/a.txt"));
    fs::create_hard_link("fsdir/a.txt", "fsdir/b.txt");
    std::printf("equivalent %d\n", (int)fs::equivalent("fsdir/a.txt", "fsdir/b.txt"));
    fs::create_hard_link("fsdir/a.txt", "fsdir/b.txt", ec);
    std::printf("second link: %s\n", ec.message().c_str());
    fs::space_info si = fs::space("fsdir");
    std::printf("space sane %d\n", (int)(si.capacity > 0 && si.free <= si.capacity && si.available <= si.free));
    fs::copy_file("fsdir/a.txt", "fsdir/c.txt");
    fs::rename("fsdir/c.txt", "fsdir/sub/d.txt");
    int entries = 0;
    for (const auto &e : fs::recursive_directory_iterator("fsdir")) {
        (void)e;
        entries++;
    }
    std::printf("entries %d\n", entries);
    auto t = fs::last_write_time("fsdir/a.txt");
    fs::last_write_time("fsdir/sub/d.txt", t - std::chrono::hours(24));
    std::printf("older by a day %d\n", (int)(fs::last_write_time("fsdir/sub/d.txt") < t - std::chrono::hours(23)));
    try {
        (void)fs::file_size("fsdir/missing");
    } catch (const fs::filesystem_error &e) {
        std::printf("filesystem_error: %s\n", e.what());
    }
    std::printf("removed %ju\n", (std::uintmax_t)fs::remove_all("fsdir"));
    return 0;
}
