#!/usr/bin/env bash
# Builds the Java runtime that the offline container images are based on, and prints its folder.
#
# The images' registry base (eclipse-temurin:17-jre) cannot be pulled on a machine without a container
# registry (this build machine, its CI). Jib then builds the same images FROM scratch with this folder
# as a root file system: a jlink'd runtime of the local JDK 17 at /opt/java/openjdk (where Temurin puts
# its own), the C libraries it links against, /tmp, and a passwd entry for the images' uid 10001.
# Cached per JDK version under ${CONTINUITY_CACHE:-~/.cache/continuity}/image-runtime/.
set -euo pipefail

jdk="${CONTINUITY_IMAGE_JDK:-}"
if [ -z "$jdk" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jlink" ]; then jdk="$JAVA_HOME"
  else jdk="$(dirname "$(dirname "$(readlink -f "$(command -v jlink)")")")"; fi
fi
[ -x "$jdk/bin/jlink" ] || { echo "image-runtime: no jlink in $jdk (set CONTINUITY_IMAGE_JDK to a JDK 17)" >&2; exit 2; }
version="$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')"
case "$version" in 17*) ;; *) echo "image-runtime: $jdk is Java $version; the images run Java 17" >&2; exit 2;; esac

# The modules the CLI's dependencies use (gRPC and Netty need jdk.unsupported, the emulator jdk.httpserver,
# Jackson's java.beans support java.desktop, TLS to Azure jdk.crypto.ec).
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.management,\
jdk.naming.dns,jdk.unsupported,jdk.zipfs,jdk.jfr

key="$(printf '%s\n%s\n%s\n' "$version" "$modules" "$(sha256sum "$0" | cut -c1-16)" | sha256sum | cut -c1-12)"
cache="${CONTINUITY_CACHE:-$HOME/.cache/continuity}/image-runtime/$version-$key"
if [ -f "$cache/.complete" ]; then echo "$cache/rootfs"; exit 0; fi

rm -rf "$cache"; mkdir -p "$cache"
tmp="$cache/rootfs.tmp"
# /proc and /dev are where a container runtime mounts them (the launcher finds its libjli.so through /proc/self/exe).
mkdir -p "$tmp/opt/java" "$tmp/tmp" "$tmp/etc" "$tmp/proc" "$tmp/dev"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$tmp/opt/java/openjdk" >&2

# The C libraries of the launcher and of the runtime's own libraries, at the paths the dynamic linker
# looks in; AWT's (X11, fonts, sound) are left out: a headless server never loads them.
libs="$(find "$tmp/opt/java/openjdk" -name '*.so' \
    ! -name 'libawt_xawt.so' ! -name 'libfontmanager.so' ! -name 'liblcms.so' ! -name 'libjsound.so' \
    ! -name 'libsplashscreen.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' ! -name 'libawt.so' \
    ! -name 'libjawt.so' ! -name 'libawt_headless.so' -print; echo "$tmp/opt/java/openjdk/bin/java")"
for lib in $(echo "$libs" | xargs ldd 2>/dev/null | awk '/=> \// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | sort -u); do
  case "$lib" in "$tmp"/*) continue;; esac
  mkdir -p "$tmp$(dirname "$lib")"
  cp -L "$lib" "$tmp$lib"
done
printf 'root:x:0:0:root:/root:/sbin/nologin\ncontinuity:x:10001:10001:continuity:/var/lib/continuity:/sbin/nologin\n' >"$tmp/etc/passwd"
printf 'root:x:0:\ncontinuity:x:10001:\n' >"$tmp/etc/group"
mv "$tmp" "$cache/rootfs"
touch "$cache/.complete"
echo "$cache/rootfs"
