//! std::fs in the preopened /sandbox: write, read, append, create_new,
//! set_len, seek, copy, rename, remove, read_dir (sorted), metadata,
//! symlink_metadata, hard links, symlinks, errors by kind.
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

fn kind(p: &Path) -> String {
    match fs::symlink_metadata(p) {
        Ok(m) if m.file_type().is_symlink() => format!("symlink->{}", fs::read_link(p).unwrap().display()),
        Ok(m) if m.is_dir() => "dir".into(),
        Ok(m) => format!("file {} bytes", m.len()),
        Err(e) => format!("error {:?}", e.kind()),
    }
}

fn list(dir: &str) {
    match fs::read_dir(dir) {
        Ok(rd) => {
            let mut names: Vec<String> = rd.map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
            names.sort();
            println!("read_dir {dir}: {}", names.join(" "));
            for n in names {
                println!("  {n}: {}", kind(&Path::new(dir).join(&n)));
            }
        }
        Err(e) => println!("read_dir {dir}: {:?}", e.kind()),
    }
}

fn show<T: std::fmt::Debug>(label: &str, r: std::io::Result<T>) {
    match r {
        Ok(v) => println!("{label}: ok {v:?}"),
        Err(e) => println!("{label}: {:?} (os {:?})", e.kind(), e.raw_os_error()),
    }
}

fn main() {
    list("/sandbox");
    println!("hello.txt: {:?}", fs::read_to_string("/sandbox/hello.txt").unwrap());
    show("write", fs::write("/sandbox/rs.txt", "first line\n"));
    let mut f = OpenOptions::new().append(true).open("/sandbox/rs.txt").unwrap();
    writeln!(f, "appended").unwrap();
    drop(f);
    println!("rs.txt: {:?}", fs::read_to_string("/sandbox/rs.txt").unwrap());
    show("create_new existing", OpenOptions::new().write(true).create_new(true).open("/sandbox/rs.txt").map(|_| ()));
    let mut f = OpenOptions::new().read(true).write(true).create(true).open("/sandbox/seek.bin").unwrap();
    f.write_all(&[7u8; 100]).unwrap();
    show("seek", f.seek(SeekFrom::Start(10)));
    f.write_all(b"XY").unwrap();
    show("stream_position", f.stream_position());
    show("seek end", f.seek(SeekFrom::End(-5)));
    let mut tail = Vec::new();
    f.read_to_end(&mut tail).unwrap();
    println!("tail {tail:?}");
    show("set_len 20", f.set_len(20));
    show("metadata len", f.metadata().map(|m| m.len()));
    show("sync_all", f.sync_all());
    drop(f);
    show("copy", fs::copy("/sandbox/rs.txt", "/sandbox/rs-copy.txt"));
    show("rename", fs::rename("/sandbox/rs-copy.txt", "/sandbox/sub/rs-moved.txt"));
    show("create_dir_all", fs::create_dir_all("/sandbox/x/y/z"));
    show("write deep", fs::write("/sandbox/x/y/z/deep.txt", "deep"));
    show("remove_dir non-empty", fs::remove_dir("/sandbox/x"));
    show("remove_dir_all", fs::remove_dir_all("/sandbox/x"));
    show("hard_link", fs::hard_link("/sandbox/rs.txt", "/sandbox/rs-hard.txt"));
    show("read via symlink", fs::read_to_string("/sandbox/link-hello"));
    show("read_link", fs::read_link("/sandbox/link-hello"));
    show("canonicalize", fs::canonicalize("/sandbox/link-hello"));
    show("remove_file", fs::remove_file("/sandbox/rs-hard.txt"));
    show("read missing", fs::read("/sandbox/missing"));
    show("read dir as file", fs::read("/sandbox/sub"));
    show("create_dir existing", fs::create_dir("/sandbox/sub"));
    show("remove_file dir", fs::remove_file("/sandbox/sub"));
    show("open outside", File::open("/etc/passwd").map(|_| ()));
    show("open ..", File::open("/sandbox/../secret.txt").map(|_| ()));
    show("metadata is_dir", fs::metadata("/sandbox/sub").map(|m| m.is_dir()));
    show("metadata follows symlink", fs::metadata("/sandbox/link-hello").map(|m| m.is_file()));
    show("symlink_metadata", fs::symlink_metadata("/sandbox/link-hello").map(|m| m.file_type().is_symlink()));
    show("exists dangling", fs::exists("/sandbox/dangling"));
    show("modified plausible", fs::metadata("/sandbox/rs.txt").and_then(|m| m.modified()).map(|t| {
        t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() > 1_700_000_000
    }));
    let f = File::options().write(true).open("/sandbox/rs.txt").unwrap();
    let t = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_234_567_890);
    show("set_modified", f.set_modified(t));
    show("modified", fs::metadata("/sandbox/rs.txt").and_then(|m| m.modified()).map(|t| t.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()));
    list("/sandbox");
    list("/sandbox/sub");
}
