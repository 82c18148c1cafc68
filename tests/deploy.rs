//! The deploy recipes in docs/deploy/ do what they say: their ponte commands run on a new
//! site; netlify.toml publishes what ponte builds; nginx, with the recipe's configuration,
//! serves the built site with its security and cache headers (when nginx is installed).
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn recipe(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("docs/deploy")
            .join(name),
    )
    .unwrap()
}

/// A new site made by `ponte init` in a temporary folder.
fn new_site() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("ponte-deploy-")
        .tempdir()
        .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .args(["init", "--languages", "en,fr"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The `ponte …` commands a recipe runs, with `$BASE_URL` given.
fn ponte_commands(text: &str, base_url: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter_map(|l| {
            l.split_once("ponte check")
                .map(|(_, r)| ("check", r))
                .or_else(|| l.split_once("ponte build").map(|(_, r)| ("build", r)))
        })
        .map(|(verb, rest)| {
            let rest = rest
                .split("&&")
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches('"');
            let mut args = vec![verb.to_string()];
            args.extend(
                rest.split_whitespace()
                    .map(|a| a.trim_matches('"').replace("$BASE_URL", base_url)),
            );
            args
        })
        .collect()
}

#[test]
fn the_ci_recipes_build_and_check_a_new_site_for_its_sub_path() {
    for (file, base_url) in [
        ("github-pages.yml", "https://org.github.io/site"),
        ("gitlab-ci.yml", "https://group.gitlab.io/site"),
    ] {
        let text = recipe(file);
        let commands = ponte_commands(&text, base_url);
        assert_eq!(commands.len(), 2, "{file}: {commands:?}");
        let site = new_site();
        for args in &commands {
            let out = Command::new(env!("CARGO_BIN_EXE_ponte"))
                .args(args)
                .current_dir(site.path())
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{file}: ponte {args:?}\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let home = std::fs::read_to_string(site.path().join("public/en/index.html")).unwrap();
        assert!(
            home.contains("href=\"/site/style."),
            "{file}: built for the sub-path"
        );
    }
    let workflow = recipe("github-pages.yml");
    assert!(workflow.contains("BASE_URL: https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}"));
    assert!(workflow.contains("path: public"));
}

#[test]
fn netlify_publishes_what_ponte_builds() {
    let config: toml::Table = toml::from_str(&recipe("netlify.toml")).unwrap();
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    assert!(build["command"].as_str().unwrap().ends_with("ponte build"));
}

#[test]
fn nginx_serves_the_site_with_the_recipes_headers() {
    let nginx = ["/usr/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    let Some(nginx) = nginx else {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "CI=true needs nginx (.ci/run installs it)"
        );
        support::skip("nginx is not installed");
        return;
    };
    let site = new_site();
    let out = Command::new(env!("CARGO_BIN_EXE_ponte"))
        .arg("build")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let recipe = recipe("nginx.conf");
    let server = recipe
        .split("\n# The same site built with")
        .next()
        .unwrap()
        .replace("listen 443 ssl;", &format!("listen 127.0.0.1:{port};"))
        .replace(
            "/var/www/win/public",
            &site.path().join("public").display().to_string(),
        );
    let prefix = tempfile::tempdir().unwrap();
    let conf = prefix.path().join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "daemon off;\npid {pid};\nerror_log stderr;\nevents {{}}\nhttp {{\n  types {{ text/html html; text/css css; text/javascript js; }}\n  client_body_temp_path {t}; proxy_temp_path {t}; fastcgi_temp_path {t}; uwsgi_temp_path {t}; scgi_temp_path {t};\n{server}\n}}\n",
            pid = prefix.path().join("nginx.pid").display(),
            t = prefix.path().display(),
        ),
    )
    .unwrap();
    let mut child = Command::new(nginx)
        .arg("-p")
        .arg(prefix.path())
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let get = |path: &str| -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut reply = String::new();
        s.read_to_string(&mut reply).ok()?;
        Some(reply)
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    let page = loop {
        if let Some(reply) = get("/en/") {
            break reply;
        }
        if Instant::now() > deadline || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            let mut err = String::new();
            child.stderr.take().unwrap().read_to_string(&mut err).ok();
            panic!("nginx did not answer:\n{err}");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let css = std::fs::read_dir(site.path().join("public"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("style.") && n.ends_with(".css"))
        .unwrap();
    let style = get(&format!("/{css}")).unwrap_or_default();
    let missing = get("/en/nothing-here/").unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("Content-Security-Policy: default-src 'self'"),
        "{page}"
    );
    assert!(
        page.contains("Cache-Control: public, max-age=300"),
        "{page}"
    );
    assert!(style.starts_with("HTTP/1.1 200"), "{style}");
    assert!(
        style.contains("Cache-Control: public, max-age=31536000, immutable"),
        "{style}"
    );
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
}
