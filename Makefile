# luoshi -- build, test, benchmark and demo.  See README.md.
#   make          build build/luoshi
#   make check    install what is missing, build, run every test
#   make bench    benchmarks (figures printed, never asserted)
#   make demo     install, build, import the sample report, serve it
#   make fuzz     run the fuzzers for a while (FUZZ_SECONDS, default 60)

VERSION  := 0.1
PKGS     := sqlite3 libmicrohttpd jansson libsodium xlsxwriter libzip \
            libxml-2.0 poppler-glib libcurl libcrypto
CC       ?= cc
WARN     := -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes
CPPFLAGS := -D_GNU_SOURCE -DLUOSHI_VERSION='"$(VERSION)"' -Isrc -Ibuild
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS   ?= -O2 -g
ALLCFLAGS = -std=c11 $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS)
LIBS     := $(PKG_LIBS) -lm -lpthread

SRC      := $(wildcard src/*.c)
LIBSRC   := $(filter-out src/main.c,$(SRC))
HDR      := $(wildcard src/*.h) build/commands.h
OBJ      := $(SRC:src/%.c=build/obj/%.o)
LIBOBJ   := $(LIBSRC:src/%.c=build/obj/%.o)

# The sanitizer build: unit tests, golden and end-to-end tests run on it.
SAN      := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_OBJ := $(SRC:src/%.c=build/asan/obj/%.o)
ASAN_LIBOBJ := $(LIBSRC:src/%.c=build/asan/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/%)

# The fuzz build (clang + libFuzzer).
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_OBJ := $(LIBSRC:src/%.c=build/fuzz/obj/%.o)
FUZZ_FLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -O1 -g

.PHONY: all check bench demo fuzz deps clean asan unit fuzzers
all: build/luoshi

deps:
	@scripts/deps

build/commands.h: $(SRC) scripts/mkcmds
	@mkdir -p build
	scripts/mkcmds $(SRC) > $@.tmp && mv $@.tmp $@

build/obj/%.o: src/%.c $(HDR)
	@mkdir -p build/obj
	$(CC) $(ALLCFLAGS) -c $< -o $@

build/luoshi: $(OBJ)
	$(CC) $(ALLCFLAGS) -o $@ $(OBJ) $(LIBS)

build/asan/obj/%.o: src/%.c $(HDR)
	@mkdir -p build/asan/obj
	$(CC) $(ALLCFLAGS) -O1 $(SAN) -c $< -o $@

build/asan/luoshi: $(ASAN_OBJ)
	$(CC) $(ALLCFLAGS) $(SAN) -o $@ $(ASAN_OBJ) $(LIBS)

build/asan/test_%: tests/unit/test_%.c $(ASAN_LIBOBJ) tests/unit/unit.h
	$(CC) $(ALLCFLAGS) -O1 $(SAN) -Itests/unit -o $@ $< $(ASAN_LIBOBJ) $(LIBS) -lcmocka

asan: build/asan/luoshi $(UNIT_BIN)
unit: $(UNIT_BIN)

build/fuzz/obj/%.o: src/%.c $(HDR)
	@mkdir -p build/fuzz/obj
	clang -std=c11 $(CPPFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	clang -std=c11 $(CPPFLAGS) $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -O1 -g \
	  -o $@ $< $(FUZZ_OBJ) $(LIBS)

fuzzers: $(FUZZ_BIN)

check: deps
	@$(MAKE) --no-print-directory all asan fuzzers
	@scripts/check

bench: deps
	@$(MAKE) --no-print-directory all benches
	@scripts/bench

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo

fuzz: fuzzers
	@scripts/fuzz $${FUZZ_SECONDS:-60}

clean:
	rm -rf build

# Benchmark programs bench/*.c, linked with all of src/ except main.c.
BENCH_BIN := $(patsubst bench/%.c,build/%,$(wildcard bench/*.c))
build/bench_%: bench/bench_%.c $(LIBOBJ)
	$(CC) $(ALLCFLAGS) -o $@ $< $(LIBOBJ) $(LIBS)
benches: $(BENCH_BIN)
