"""Front matter keys, file kinds and site markers the issue lists, each on a small hand-made site."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstui.library import load_site, read_article, site_root_of
from newstui.library.siteroot import find_site_root


def write(path: Path, content: str | bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def hugo(tmp_path: Path) -> Path:
    """A Hugo site with images in `static/`, in `assets/` and in a page bundle."""
    root = tmp_path / "site"
    write(root / "hugo.toml", 'baseURL = "https://example.org/"\ntitle = "Hugo news"\n')
    for name in ("static/images/cover photo.jpg", "static/img/first.png", "static/img/second.png"):
        write(root / name, b"jpg")
    write(root / "assets/images/only-in-assets.png", b"png")
    write(root / "content/posts/bundle/thumb.jpg", b"jpg")
    return root


@pytest.mark.parametrize(
    ("front", "resolved"),
    [
        ("cover: /images/cover photo.jpg", "static/images/cover photo.jpg"),
        ("cover:\n  image: /images/cover photo.jpg", "static/images/cover photo.jpg"),  # PaperMod's form
        ('images: ["/img/first.png", "/img/second.png"]', "static/img/first.png"),  # the first one
        ("thumbnail: thumb.jpg", "content/posts/bundle/thumb.jpg"),  # next to the bundle's index.md
        ("image: /images/only-in-assets.png", "assets/images/only-in-assets.png"),
    ],
)
def test_hugo_hero_image_keys_resolve_to_local_files(hugo: Path, front: str, resolved: str) -> None:
    path = write(hugo / "content/posts/bundle/index.md", f"---\ntitle: Hero\n{front}\n---\nText.\n")
    article, _ = read_article(path)
    assert article.image_path == hugo.resolve() / resolved
    assert article.image_url is None
    assert article.problems == ()


def test_jekyll_header_image_as_a_local_file(tmp_path: Path) -> None:
    write(tmp_path / "_config.yml", "title: Jekyll news\n")
    write(tmp_path / "assets/images/header one.jpg", b"jpg")
    path = write(
        tmp_path / "_posts/2021-04-05-head.md",
        "---\ntitle: Head\nheader:\n  image: /assets/images/header one.jpg\n  teaser: /x.jpg\n---\nText.\n",
    )
    article, _ = read_article(path)
    assert article.image == "/assets/images/header one.jpg"
    assert article.image_path == tmp_path.resolve() / "assets/images/header one.jpg"
    assert article.problems == ()


@pytest.mark.parametrize("key", ["excerpt", "summary"])
def test_excerpt_and_summary_keys_win_over_the_body(tmp_path: Path, key: str) -> None:
    text = f"---\ntitle: K\n{key}: The *given* [summary](x.md).\n---\nThe first paragraph of the body.\n"
    article, _ = read_article(write(tmp_path / "k.md", text))
    assert article.excerpt == "The given summary."


def test_description_comes_before_excerpt_and_summary(tmp_path: Path) -> None:
    text = "---\ntitle: K\nsummary: Third.\nexcerpt: Second.\ndescription: First.\n---\nBody.\n"
    article, _ = read_article(write(tmp_path / "k.md", text))
    assert article.excerpt == "First."


def test_every_markdown_extension_is_discovered(tmp_path: Path) -> None:
    for name in ("a.md", "b.markdown", "c.mdown", "d.mkd", "e.MKD", "notes.txt", "f.mdx", "g.md.bak"):
        write(tmp_path / "posts" / name, f"---\ntitle: {name}\n---\nText.\n")
    site = load_site(tmp_path, use_cache=False)
    assert sorted(a.rel_path for a in site.articles) == [
        "posts/a.md",
        "posts/b.markdown",
        "posts/c.mdown",
        "posts/d.mkd",
        "posts/e.MKD",
    ]
    assert {a.rel_path: a.title for a in site.articles}["posts/c.mdown"] == "c.mdown"


@pytest.mark.parametrize(
    ("marker", "content", "title"),
    [
        ("hugo.toml", 'title = "From hugo.toml"\n', "From hugo.toml"),
        ("hugo.yaml", "title: From hugo.yaml\n", "From hugo.yaml"),
        ("config.toml", 'baseURL = "https://example.org/"\ntitle = "From config.toml"\n', "From config.toml"),
        ("config.yaml", "baseURL: https://example.org/\ntitle: From config.yaml\n", "From config.yaml"),
        ("_config.toml", 'title = "From _config.toml"\n', "From _config.toml"),
    ],
)
def test_site_root_found_from_each_config_file(tmp_path: Path, marker: str, content: str, title: str) -> None:
    root = tmp_path / "site"
    write(root / marker, content)
    post = write(root / "content/news/2022/deep/post.md", "---\ntitle: Deep\n---\nText.\n")
    write(root / "content/other.md", "---\ntitle: Other\n---\nText.\n")
    assert find_site_root(post) == root.resolve()
    assert site_root_of(post) == root.resolve()
    site = load_site(post, use_cache=False)  # a file opens its whole site
    assert site.root == root.resolve() and site.title == title
    assert sorted(a.rel_path for a in site.articles) == ["content/news/2022/deep/post.md", "content/other.md"]
