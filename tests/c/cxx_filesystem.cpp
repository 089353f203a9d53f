// std::filesystem in the working directory: create_directories, ofstream/ifstream, directory_iterator and recursive_directory_iterator (sorted), file_size, permissions set/add/remove read back, rename, copy_file (options), symlinks, status of missing paths, error_code overloads, remove_all count, path decomposition; temp_directory_path only checked to exist.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

namespace fs = std::filesystem;

static void write_file(const fs::path &p, const std::string &content) {
    std::ofstream out(p, std::ios::binary);
    out << content;
}
static std::string read_file(const fs::path &p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
static const char *kind(const fs::path &p) {
    auto st = fs::symlink_status(p);
    switch (st.type()) {
        case fs::file_type::regular: return "file";
        case fs::file_type::directory: return "dir";
        case fs::file_type::symlink: return "symlink";
        case fs::file_type::not_found: return "not_found";
        default: return "other";
    }
}
static void show_perms(const char *label, const fs::path &p) {
    fs::perms pr = fs::status(p).permissions();
    printf("%s: %03o", label, (unsigned)(pr & fs::perms::mask));
    printf(" [owner %c%c%c others %c%c%c]\n", (pr & fs::perms::owner_read) != fs::perms::none ? 'r' : '-',
           (pr & fs::perms::owner_write) != fs::perms::none ? 'w' : '-',
           (pr & fs::perms::owner_exec) != fs::perms::none ? 'x' : '-',
           (pr & fs::perms::others_read) != fs::perms::none ? 'r' : '-',
           (pr & fs::perms::others_write) != fs::perms::none ? 'w' : '-',
           (pr & fs::perms::others_exec) != fs::perms::none ? 'x' : '-');
}
static std::vector<std::string> listing(const fs::path &dir, bool recursive) {
    std::vector<std::string> names;
    if (recursive) {
        for (auto &e : fs::recursive_directory_iterator(dir))
            names.push_back(fs::relative(e.path(), dir).generic_string() + (e.is_directory() ? "/" : ""));
    } else {
        for (auto &e : fs::directory_iterator(dir))
            names.push_back(e.path().filename().string() + (e.is_directory() ? "/" : ""));
    }
    std::sort(names.begin(), names.end());
    return names;
}
static void print_list(const char *label, const std::vector<std::string> &v) {
    printf("%s (%zu):", label, v.size());
    for (auto &n : v) printf(" %s", n.c_str());
    printf("\n");
}

int main() {
    fs::path root = "fsroot";
    printf("cwd is absolute: %d, root exists: %d\n", fs::current_path().is_absolute(), fs::exists(root));
    printf("create_directories: %d\n", fs::create_directories(root / "a" / "b" / "c"));
    printf("again: %d\n", fs::create_directories(root / "a" / "b" / "c"));
    printf("create_directory existing: %d\n", fs::create_directory(root / "a"));
    fs::create_directory(root / "empty");

    write_file(root / "hello.txt", "hello, filesystem\n");
    write_file(root / "a" / "data.bin", std::string(1000, 'x'));
    write_file(root / "a" / "b" / "c" / "deep.txt", "deep");
    write_file(root / "a" / "b" / "zero", "");
    {
        std::ofstream app(root / "hello.txt", std::ios::app);
        app << "appended line\n";
    }
    printf("file_size hello.txt %ju, data.bin %ju, zero %ju\n", (uintmax_t)fs::file_size(root / "hello.txt"),
           (uintmax_t)fs::file_size(root / "a" / "data.bin"), (uintmax_t)fs::file_size(root / "a" / "b" / "zero"));
    printf("content: %s", read_file(root / "hello.txt").c_str());
    printf("is_regular_file %d is_directory %d is_empty(empty dir) %d is_empty(zero file) %d\n",
           fs::is_regular_file(root / "hello.txt"), fs::is_directory(root / "a"), fs::is_empty(root / "empty"),
           fs::is_empty(root / "a" / "b" / "zero"));

    print_list("directory_iterator fsroot", listing(root, false));
    print_list("recursive", listing(root, true));

    // permissions
    fs::path hp = root / "hello.txt";
    show_perms("default (umask 022)", hp);
    fs::permissions(hp, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    show_perms("set 640", hp);
    fs::permissions(hp, fs::perms::owner_exec | fs::perms::others_read, fs::perm_options::add);
    show_perms("add u+x o+r", hp);
    fs::permissions(hp, fs::perms::owner_exec | fs::perms::group_read, fs::perm_options::remove);
    show_perms("remove u+x g+r", hp);
    fs::permissions(hp, fs::perms::all);
    show_perms("all", hp);
    fs::permissions(hp, fs::perms::owner_read | fs::perms::owner_write);

    // rename, copy
    fs::rename(hp, root / "renamed.txt");
    printf("after rename: old exists %d, new exists %d\n", fs::exists(hp), fs::exists(root / "renamed.txt"));
    printf("copy_file: %d\n", fs::copy_file(root / "renamed.txt", root / "copy.txt"));
    std::error_code ec;
    bool copied = fs::copy_file(root / "renamed.txt", root / "copy.txt", ec);
    printf("copy onto existing: %d, error is file_exists %d\n", copied, ec == std::errc::file_exists);
    write_file(root / "renamed.txt", "changed");
    copied = fs::copy_file(root / "renamed.txt", root / "copy.txt", fs::copy_options::overwrite_existing);
    printf("overwrite_existing: %d, content '%s'\n", copied, read_file(root / "copy.txt").c_str());
    copied = fs::copy_file(root / "renamed.txt", root / "copy.txt", fs::copy_options::skip_existing);
    printf("skip_existing: %d\n", copied);
    show_perms("copy keeps perms", root / "copy.txt");
    fs::copy(root / "a", root / "a-copy", fs::copy_options::recursive);
    print_list("recursive copy", listing(root / "a-copy", true));
    fs::rename(root / "a-copy", root / "a-moved");
    printf("directory renamed: %d\n", fs::is_directory(root / "a-moved" / "b" / "c"));

    // symlinks
    fs::create_symlink("renamed.txt", root / "link");
    fs::create_directory_symlink("a", root / "dirlink");
    printf("link kind %s -> %s, target kind via status %s, read_symlink %s\n", kind(root / "link"),
           fs::read_symlink(root / "link").string().c_str(),
           fs::is_regular_file(root / "link") ? "file" : "?", fs::read_symlink(root / "dirlink").string().c_str());
    printf("file through link: '%s', equivalent %d\n", read_file(root / "link").c_str(),
           fs::equivalent(root / "link", root / "renamed.txt"));
    fs::create_hard_link(root / "copy.txt", root / "hard");
    printf("hard_link_count %ju\n", (uintmax_t)fs::hard_link_count(root / "copy.txt"));
    std::string canon = fs::canonical(root / "dirlink" / "data.bin").generic_string();
    std::string want = (fs::current_path() / "fsroot/a/data.bin").generic_string();
    printf("canonical(fsroot/dirlink/data.bin) is cwd/fsroot/a/data.bin: %d\n", canon == want);

    // missing paths: error_code overloads do not throw
    fs::path missing = root / "no" / "such";
    printf("missing: exists %d, kind %s\n", fs::exists(missing), kind(missing));
    ec.clear();
    auto sz = fs::file_size(missing, ec);
    printf("file_size(missing, ec): %d, no_such_file %d, is -1 %d\n", (bool)ec,
           ec == std::errc::no_such_file_or_directory, sz == static_cast<uintmax_t>(-1));
    ec.clear();
    bool removed = fs::remove(missing, ec);
    printf("remove(missing, ec): removed %d, error %d\n", removed, (bool)ec);
    ec.clear();
    fs::rename(missing, root / "x", ec);
    printf("rename(missing, ec): no_such_file %d\n", ec == std::errc::no_such_file_or_directory);
    ec.clear();
    fs::directory_iterator it(missing, ec);
    printf("directory_iterator(missing, ec): no_such_file %d, at end %d\n", ec == std::errc::no_such_file_or_directory,
           it == fs::directory_iterator());
    ec.clear();
    fs::create_directory(root / "renamed.txt" / "sub", ec);
    printf("create_directory under a file: error %d (not_a_directory %d)\n", (bool)ec, ec == std::errc::not_a_directory);
    try {
        (void)fs::file_size(missing);
        printf("no throw?\n");
    } catch (const fs::filesystem_error &e) {
        printf("throwing overload: filesystem_error, path1 %s, no_such_file %d\n", e.path1().generic_string().c_str(),
               e.code() == std::errc::no_such_file_or_directory);
    }
    try {
        fs::remove(root / "a");   // not empty
        printf("removed non-empty?\n");
    } catch (const fs::filesystem_error &e) {
        printf("remove(non-empty dir): filesystem_error, directory_not_empty %d\n",
               e.code() == std::errc::directory_not_empty);
    }

    // temp_directory_path: its value depends on the environment; only check it exists
    ec.clear();
    fs::path tmp = fs::temp_directory_path(ec);
    printf("temp_directory_path: ok %d, is a directory %d\n", !ec, fs::is_directory(tmp));

    // remove_all returns the number of entries removed
    print_list("before remove_all", listing(root, false));
    std::uintmax_t n = fs::remove_all(root / "a-moved");
    printf("remove_all(a-moved): %ju\n", (uintmax_t)n);
    n = fs::remove_all(root);
    printf("remove_all(fsroot): %ju, exists %d\n", (uintmax_t)n, fs::exists(root));
    printf("remove_all(missing): %ju\n", (uintmax_t)fs::remove_all(root));

    // pure path operations
    fs::path p = "/usr/local/lib/libfoo.so.1";
    printf("path: parent %s filename %s stem %s extension %s root %s relative %s\n", p.parent_path().c_str(),
           p.filename().c_str(), p.stem().c_str(), p.extension().c_str(), p.root_path().c_str(),
           p.relative_path().c_str());
    fs::path q = fs::path("a/./b/../c//d/");
    printf("lexically_normal %s, relative %s, has_filename %d, replace_extension %s\n",
           q.lexically_normal().generic_string().c_str(),
           fs::path("/a/b/c").lexically_relative("/a/d").generic_string().c_str(), q.has_filename(),
           fs::path("x/y.tar.gz").replace_extension(".zip").c_str());
    std::string joined;
    for (const auto &part : fs::path("/one/two/three.txt")) joined += "[" + part.string() + "]";
    printf("iterate: %s\n", joined.c_str());
    return 0;
}
