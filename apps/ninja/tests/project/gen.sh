#!/bin/sh
# version.txt -> a C header
printf '#define VERSION "%s"\n' "$(cat "$1")"
