#!/bin/sh
# Install the built bundle for one user (default) or system-wide, with a menu entry and icon.
#
#   packaging/install-linux.sh              # into ~/.local   (no root needed)
#   sudo packaging/install-linux.sh /usr/local
#   packaging/install-linux.sh --uninstall [PREFIX]
#
# Layout: PREFIX/lib/cnn-explorer/ (the bundle), PREFIX/bin/cnn-explorer (a link to it),
# PREFIX/share/applications/cnn-explorer.desktop, PREFIX/share/icons/hicolor/.../cnn-explorer.*
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
uninstall=0
if [ "${1:-}" = "--uninstall" ]; then uninstall=1; shift; fi
prefix=${1:-"$HOME/.local"}

app="$prefix/lib/cnn-explorer"
bin="$prefix/bin/cnn-explorer"
desktop="$prefix/share/applications/cnn-explorer.desktop"
png="$prefix/share/icons/hicolor/256x256/apps/cnn-explorer.png"
svg="$prefix/share/icons/hicolor/scalable/apps/cnn-explorer.svg"

refresh() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$prefix/share/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$prefix/share/icons/hicolor" || true
}

if [ "$uninstall" = 1 ]; then
    rm -rf "$app"
    rm -f "$bin" "$desktop" "$png" "$svg"
    refresh
    echo "removed cnn-explorer from $prefix"
    exit 0
fi

bundle="$root/packaging/dist/cnn-explorer"
if [ ! -x "$bundle/cnn-explorer" ]; then
    echo "no bundle at $bundle - build it first: python packaging/build.py" >&2
    exit 2
fi

mkdir -p "$prefix/lib" "$prefix/bin" "$(dirname "$desktop")" "$(dirname "$png")" "$(dirname "$svg")"
rm -rf "$app"
cp -a "$bundle" "$app"
ln -sf "$app/cnn-explorer" "$bin"
# Absolute Exec/TryExec: the menu entry works even where PREFIX/bin is not on PATH.
sed -e "s|^Exec=cnn-explorer|Exec=$app/cnn-explorer|" \
    -e "s|^TryExec=cnn-explorer|TryExec=$app/cnn-explorer|" \
    "$here/cnn-explorer.desktop" > "$desktop"
cp "$root/resources/icons/cnn-explorer.png" "$png"
cp "$root/resources/icons/cnn-explorer.svg" "$svg"
refresh
echo "installed cnn-explorer in $app; run: $bin   (or pick it from the applications menu)"
