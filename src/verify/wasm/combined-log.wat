;; verify/wasm/combined-log: splits an Apache/nginx access-log line into its parts.
;;
;;   remote_addr ident remote_user [time_local] "request" status body_bytes_sent "referer" "agent" ...
;;
;; The same rules as the JavaScript reader around it (formats/combined-log.ts), in WebAssembly
;; because a byte loop here costs a few instructions a byte where typed-array reads in
;; JavaScript cost several times that. The line lies in this module's memory; every offset in
;; and out is relative to `base`, the address of the buffer the reader sees, so the parts can be
;; handed to the checker as they are.
;;
;; It also keeps the memo of line ends (`memo*`): the referrer and user agent repeat, so their
;; split and verdicts are remembered per distinct byte string (see byte-cache.ts).
;;
;; Memory, from address 0:
;;   out      part starts (i32 x 24), part ends (i32 x 24), then the line's clock (f64, ms since
;;            the epoch; NaN unless the clock has the usual shape and parses)       [0, 256)
;;   memo     key lengths (i32 x 1024, -1: empty), key hashes (i32 x 1024), keys (512 KiB)
;;   value    4 KiB where a key from outside this memory is copied to be looked up
;;   data     from `dataStart`: buffers of lines, each followed by at least 8 bytes of memory
;;            (a word may be read past a line's end, never used)
;; Build: `npm run build:wasm` turns this file into combined-log.wasm.ts.
(module
  (import "env" "memory" (memory 1))

  (global $CLOCK i32 (i32.const 192))
  (global $MAX_PARTS i32 (i32.const 24))
  (global $MEMO_LENS i32 (i32.const 256))
  (global $MEMO_HASHES i32 (i32.const 4352))
  (global $MEMO_KEYS i32 (i32.const 8448))
  ;; slots x key stride may not exceed this
  (global (export "memoCapacity") i32 (i32.const 524288))
  (global (export "memoMaxSlots") i32 (i32.const 1024))
  (global (export "valueStart") i32 (i32.const 532736))
  (global (export "valueBytes") i32 (i32.const 4096))
  (global (export "dataStart") i32 (i32.const 536832))
  (global $memoMask (mut i32) (i32.const 0))
  (global $memoStride (mut i32) (i32.const 0))

  ;; Bytes are looked for eight at a time: `x` holds a zero byte where the word matched, and
  ;; the lowest set bit of `(x - 0x01..) & ~x & 0x80..` marks the first such byte exactly.
  ;; A word may run past the line's end (memory has room after every buffer); a match there
  ;; counts as none. Part n's start is stored at 4n, its end at 96 + 4n.
  ;;
  ;; The end of a space-free token starting at `i` (the first space, or `e`).
  (func $token (param $i i32) (param $e i32) (result i32)
    (local $t i64) (local $x i64)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $x (i64.xor (i64.load (local.get $i)) (i64.const 0x2020202020202020)))
        (local.set $t (i64.and
          (i64.and (i64.sub (local.get $x) (i64.const 0x0101010101010101))
            (i64.xor (local.get $x) (i64.const -1)))
          (i64.const 0x8080808080808080)))
        (if (i64.ne (local.get $t) (i64.const 0))
          (then
            (local.set $i (i32.add (local.get $i)
              (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $t)) (i64.const 3)))))
            (br $done)))
        (local.set $i (i32.add (local.get $i) (i32.const 8)))
        (br $next)))
    (select (local.get $e) (local.get $i) (i32.gt_u (local.get $i) (local.get $e))))

  ;; A quoted part whose opening quote is at `q`: records it as part `n` and returns the
  ;; address after the closing quote, or -1. A backslash escapes the byte after it.
  (func $quoted (param $q i32) (param $e i32) (param $n i32) (param $base i32) (result i32)
    (local $i i32) (local $v i64) (local $t i64) (local $x i64)
    (local.set $i (i32.add (local.get $q) (i32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $v (i64.load (local.get $i)))
        ;; the first quote or backslash in the word
        (local.set $t (i64.or
          (i64.and
            (i64.and
              (i64.sub (local.tee $x (i64.xor (local.get $v) (i64.const 0x2222222222222222)))
                (i64.const 0x0101010101010101))
              (i64.xor (local.get $x) (i64.const -1)))
            (i64.const 0x8080808080808080))
          (i64.and
            (i64.and
              (i64.sub (local.tee $x (i64.xor (local.get $v) (i64.const 0x5c5c5c5c5c5c5c5c)))
                (i64.const 0x0101010101010101))
              (i64.xor (local.get $x) (i64.const -1)))
            (i64.const 0x8080808080808080))))
        (if (i64.eqz (local.get $t))
          (then
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $next)))
        (local.set $i (i32.add (local.get $i)
          (i32.wrap_i64 (i64.shr_u (i64.ctz (local.get $t)) (i64.const 3)))))
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (br_if $done (i32.eq (i32.load8_u (local.get $i)) (i32.const 34)))
        ;; a backslash: it and the byte after it are part of the value
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $next)))
    (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (i32.const -1))))
    (i32.store (i32.shl (local.get $n) (i32.const 2)) (i32.sub (i32.add (local.get $q) (i32.const 1)) (local.get $base)))
    (i32.store offset=96 (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $i) (local.get $base)))
    (i32.add (local.get $i) (i32.const 1)))

  ;; Two decimal digits at `a`, or -1.
  (func $two (param $a i32) (result i32)
    (local $x i32) (local $y i32)
    (local.set $x (i32.sub (i32.load8_u (local.get $a)) (i32.const 48)))
    (local.set $y (i32.sub (i32.load8_u (i32.add (local.get $a) (i32.const 1))) (i32.const 48)))
    (if (i32.or (i32.gt_u (local.get $x) (i32.const 9)) (i32.gt_u (local.get $y) (i32.const 9)))
      (then (return (i32.const -1))))
    (i32.add (i32.mul (local.get $x) (i32.const 10)) (local.get $y)))

  ;; Month number (1-12) of the English abbreviation at `a`, or 0.
  (func $month (param $a i32) (result i32)
    (local $k i32)
    (local.set $k (i32.or (i32.or
      (i32.shl (i32.load8_u (local.get $a)) (i32.const 16))
      (i32.shl (i32.load8_u (i32.add (local.get $a) (i32.const 1))) (i32.const 8)))
      (i32.load8_u (i32.add (local.get $a) (i32.const 2)))))
    (if (i32.eq (local.get $k) (i32.const 0x4a616e)) (then (return (i32.const 1))))  ;; Jan
    (if (i32.eq (local.get $k) (i32.const 0x466562)) (then (return (i32.const 2))))  ;; Feb
    (if (i32.eq (local.get $k) (i32.const 0x4d6172)) (then (return (i32.const 3))))  ;; Mar
    (if (i32.eq (local.get $k) (i32.const 0x417072)) (then (return (i32.const 4))))  ;; Apr
    (if (i32.eq (local.get $k) (i32.const 0x4d6179)) (then (return (i32.const 5))))  ;; May
    (if (i32.eq (local.get $k) (i32.const 0x4a756e)) (then (return (i32.const 6))))  ;; Jun
    (if (i32.eq (local.get $k) (i32.const 0x4a756c)) (then (return (i32.const 7))))  ;; Jul
    (if (i32.eq (local.get $k) (i32.const 0x417567)) (then (return (i32.const 8))))  ;; Aug
    (if (i32.eq (local.get $k) (i32.const 0x536570)) (then (return (i32.const 9))))  ;; Sep
    (if (i32.eq (local.get $k) (i32.const 0x4f6374)) (then (return (i32.const 10)))) ;; Oct
    (if (i32.eq (local.get $k) (i32.const 0x4e6f76)) (then (return (i32.const 11)))) ;; Nov
    (if (i32.eq (local.get $k) (i32.const 0x446563)) (then (return (i32.const 12)))) ;; Dec
    (i32.const 0))

  ;; Days in month `m` of year `y` (proleptic Gregorian).
  (func $monthDays (param $y i32) (param $m i32) (result i32)
    (if (i32.eq (local.get $m) (i32.const 2))
      (then
        (return (select (i32.const 29) (i32.const 28)
          (i32.and
            (i32.eqz (i32.rem_u (local.get $y) (i32.const 4)))
            (i32.or
              (i32.ne (i32.rem_u (local.get $y) (i32.const 100)) (i32.const 0))
              (i32.eqz (i32.rem_u (local.get $y) (i32.const 400)))))))))
    (select (i32.const 30) (i32.const 31)
      (i32.or (i32.or (i32.eq (local.get $m) (i32.const 4)) (i32.eq (local.get $m) (i32.const 6)))
        (i32.or (i32.eq (local.get $m) (i32.const 9)) (i32.eq (local.get $m) (i32.const 11))))))

  ;; Days since 1970-01-01 of a valid civil date, year 0 to 9999.
  (func $daysFromCivil (param $y i32) (param $m i32) (param $d i32) (result i32)
    (local $yy i32) (local $era i32) (local $yoe i32) (local $doy i32)
    (local.set $yy (select (i32.sub (local.get $y) (i32.const 1)) (local.get $y)
      (i32.le_u (local.get $m) (i32.const 2))))
    ;; floor(yy / 400); yy is -1 at least
    (local.set $era (i32.div_s
      (select (local.get $yy) (i32.sub (local.get $yy) (i32.const 399))
        (i32.ge_s (local.get $yy) (i32.const 0)))
      (i32.const 400)))
    (local.set $yoe (i32.sub (local.get $yy) (i32.mul (local.get $era) (i32.const 400))))
    (local.set $doy (i32.add
      (i32.div_u
        (i32.add (i32.mul (i32.const 153)
          (i32.add (local.get $m) (select (i32.const -3) (i32.const 9)
            (i32.gt_u (local.get $m) (i32.const 2)))))
          (i32.const 2))
        (i32.const 5))
      (i32.sub (local.get $d) (i32.const 1))))
    (i32.sub
      (i32.add (i32.mul (local.get $era) (i32.const 146097))
        (i32.add
          (i32.sub
            (i32.add (i32.mul (local.get $yoe) (i32.const 365)) (i32.div_u (local.get $yoe) (i32.const 4)))
            (i32.div_u (local.get $yoe) (i32.const 100)))
          (local.get $doy)))
      (i32.const 719468)))

  ;; The last valid day read, by its first 12 bytes (`dd/Mon/yyyy:`), and its first instant:
  ;; lines mostly come in time order, so most repeat it and skip the calendar arithmetic.
  (global $dayLo (mut i64) (i64.const -1))
  (global $dayHi (mut i32) (i32.const -1))
  (global $dayMs (mut i64) (i64.const 0))

  ;; The clock `dd/Mon/yyyy:HH:MM:SS +zzzz` at `c` whose separators are already checked, as
  ;; milliseconds since the epoch, or NaN. The offset's hours and minutes are digits only.
  (func $clock (param $c i32) (result f64)
    (local $lo i64) (local $hi i32) (local $day i64)
    (local $d i32) (local $m i32) (local $y i32) (local $y2 i32)
    (local $h i32) (local $mi i32) (local $s i32) (local $oh i32) (local $om i32) (local $off i32)
    (local.set $lo (i64.load (local.get $c)))
    (local.set $hi (i32.load offset=8 (local.get $c)))
    (if (i32.and (i64.eq (local.get $lo) (global.get $dayLo)) (i32.eq (local.get $hi) (global.get $dayHi)))
      (then (local.set $day (global.get $dayMs)))
      (else
        (local.set $d (call $two (local.get $c)))
        (local.set $m (call $month (i32.add (local.get $c) (i32.const 3))))
        (local.set $y (call $two (i32.add (local.get $c) (i32.const 7))))
        (local.set $y2 (call $two (i32.add (local.get $c) (i32.const 9))))
        (if (i32.or (i32.or (i32.lt_s (local.get $d) (i32.const 1)) (i32.eqz (local.get $m)))
              (i32.or (i32.lt_s (local.get $y) (i32.const 0)) (i32.lt_s (local.get $y2) (i32.const 0))))
          (then (return (f64.const nan))))
        (local.set $y (i32.add (i32.mul (local.get $y) (i32.const 100)) (local.get $y2)))
        (if (i32.gt_s (local.get $d) (call $monthDays (local.get $y) (local.get $m)))
          (then (return (f64.const nan))))
        (local.set $day (i64.mul
          (i64.extend_i32_s (call $daysFromCivil (local.get $y) (local.get $m) (local.get $d)))
          (i64.const 86400000)))
        (global.set $dayLo (local.get $lo))
        (global.set $dayHi (local.get $hi))
        (global.set $dayMs (local.get $day))))
    (local.set $h (call $two (i32.add (local.get $c) (i32.const 12))))
    (local.set $mi (call $two (i32.add (local.get $c) (i32.const 15))))
    (local.set $s (call $two (i32.add (local.get $c) (i32.const 18))))
    (local.set $oh (call $two (i32.add (local.get $c) (i32.const 22))))
    (local.set $om (call $two (i32.add (local.get $c) (i32.const 24))))
    (if (i32.or (i32.or (i32.lt_s (local.get $oh) (i32.const 0)) (i32.lt_s (local.get $om) (i32.const 0)))
          (i32.or (i32.or (i32.lt_s (local.get $h) (i32.const 0)) (i32.gt_s (local.get $h) (i32.const 23)))
            (i32.or (i32.or (i32.lt_s (local.get $mi) (i32.const 0)) (i32.gt_s (local.get $mi) (i32.const 59)))
              (i32.or (i32.lt_s (local.get $s) (i32.const 0)) (i32.gt_s (local.get $s) (i32.const 60))))))
      (then (return (f64.const nan))))
    (local.set $off (i32.add (i32.mul (local.get $oh) (i32.const 60)) (local.get $om)))
    (if (i32.eq (i32.load8_u (i32.add (local.get $c) (i32.const 21))) (i32.const 45))
      (then (local.set $off (i32.sub (i32.const 0) (local.get $off)))))
    (f64.convert_i64_s
      (i64.add (local.get $day)
        (i64.extend_i32_s
          (i32.sub
            (i32.add
              (i32.add (i32.mul (local.get $h) (i32.const 3600000)) (i32.mul (local.get $mi) (i32.const 60000)))
              (i32.mul (local.get $s) (i32.const 1000)))
            (i32.mul (local.get $off) (i32.const 60000)))))))

  ;; Whether `[c, c + 26)` has the separators of `dd/Mon/yyyy:HH:MM:SS +zzzz`.
  (func $clockShape (param $c i32) (result i32)
    (local $sign i32)
    (local.set $sign (i32.load8_u (i32.add (local.get $c) (i32.const 21))))
    (i32.and
      (i32.and
        (i32.and (i32.eq (i32.load8_u offset=2 (local.get $c)) (i32.const 47))
          (i32.eq (i32.load8_u offset=6 (local.get $c)) (i32.const 47)))
        (i32.and (i32.eq (i32.load8_u offset=11 (local.get $c)) (i32.const 58))
          (i32.eq (i32.load8_u offset=14 (local.get $c)) (i32.const 58))))
      (i32.and
        (i32.and (i32.eq (i32.load8_u offset=17 (local.get $c)) (i32.const 58))
          (i32.eq (i32.load8_u offset=20 (local.get $c)) (i32.const 32)))
        (i32.or (i32.eq (local.get $sign) (i32.const 43)) (i32.eq (local.get $sign) (i32.const 45))))))

  ;; Parts 0-6 of the line [base + s, base + e): remote_addr, ident and remote_user (non-empty,
  ;; space-separated), the time between [ and the first ], the quoted request, status and bytes.
  ;; Returns the offset after the bytes part (where the referrer's space is), or -1 when the
  ;; line is no access-log line. Writes the clock (NaN when it is not read in place).
  (func (export "head") (param $base i32) (param $s i32) (param $e i32) (result i32)
    (local $i i32) (local $sp i32) (local $n i32) (local $close i32) (local $t f64)
    (local.set $i (i32.add (local.get $base) (local.get $s)))
    (local.set $e (i32.add (local.get $base) (local.get $e)))
    (f64.store (global.get $CLOCK) (f64.const nan))
    (block $tokens
      (loop $token
        (br_if $tokens (i32.eq (local.get $n) (i32.const 3)))
        (local.set $sp (call $token (local.get $i) (local.get $e)))
        (if (i32.or (i32.ge_u (local.get $sp) (local.get $e)) (i32.eq (local.get $sp) (local.get $i)))
          (then (return (i32.const -1))))
        (i32.store (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $i) (local.get $base)))
        (i32.store offset=96 (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $sp) (local.get $base)))
        (local.set $i (i32.add (local.get $sp) (i32.const 1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $token)))
    (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (i32.const -1))))
    (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 91)) (then (return (i32.const -1))))
    ;; The usual clock is read in place: once it parses, none of its bytes is a ], so the one
    ;; after it closes the part. Otherwise the first ] does.
    (local.set $close (i32.const -1))
    (if (i32.lt_u (i32.add (local.get $i) (i32.const 27)) (local.get $e))
      (then
        (if (i32.and
              (i32.eq (i32.load8_u offset=27 (local.get $i)) (i32.const 93))
              (call $clockShape (i32.add (local.get $i) (i32.const 1))))
          (then
            (local.set $t (call $clock (i32.add (local.get $i) (i32.const 1))))
            (if (f64.eq (local.get $t) (local.get $t))
              (then
                (f64.store (global.get $CLOCK) (local.get $t))
                (local.set $close (i32.add (local.get $i) (i32.const 27)))))))))
    (if (i32.lt_s (local.get $close) (i32.const 0))
      (then
        (local.set $close (i32.add (local.get $i) (i32.const 1)))
        (block $found
          (loop $search
            (if (i32.ge_u (local.get $close) (local.get $e)) (then (return (i32.const -1))))
            (br_if $found (i32.eq (i32.load8_u (local.get $close)) (i32.const 93)))
            (local.set $close (i32.add (local.get $close) (i32.const 1)))
            (br $search)))))
    (i32.store offset=12 (i32.const 0) (i32.sub (i32.add (local.get $i) (i32.const 1)) (local.get $base)))
    (i32.store offset=108 (i32.const 0) (i32.sub (local.get $close) (local.get $base)))
    (local.set $i (i32.add (local.get $close) (i32.const 1)))
    ;; the request, in quotes after a space
    (if (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $e)) (then (return (i32.const -1))))
    (if (i32.or (i32.ne (i32.load8_u (local.get $i)) (i32.const 32))
          (i32.ne (i32.load8_u offset=1 (local.get $i)) (i32.const 34)))
      (then (return (i32.const -1))))
    (local.set $i (call $quoted (i32.add (local.get $i) (i32.const 1)) (local.get $e) (i32.const 4) (local.get $base)))
    (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1))))
    ;; status and bytes: a space, then a non-empty token
    (local.set $n (i32.const 5))
    (block $tokens
      (loop $token
        (br_if $tokens (i32.eq (local.get $n) (i32.const 7)))
        (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (i32.const -1))))
        (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 32)) (then (return (i32.const -1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (local.set $sp (call $token (local.get $i) (local.get $e)))
        (if (i32.eq (local.get $sp) (local.get $i)) (then (return (i32.const -1))))
        (i32.store (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $i) (local.get $base)))
        (i32.store offset=96 (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $sp) (local.get $base)))
        (local.set $i (local.get $sp))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $token)))
    (i32.sub (local.get $i) (local.get $base)))

  ;; The parts after `head`: from offset `s` (a space before each part), quoted or bare parts
  ;; numbered from `n`, at most 24 in all. Returns the number of parts, or -1 when the line is
  ;; no access-log line.
  (func (export "tail") (param $base i32) (param $s i32) (param $e i32) (param $n i32) (result i32)
    (local $i i32) (local $j i32)
    (local.set $i (i32.add (local.get $base) (local.get $s)))
    (local.set $e (i32.add (local.get $base) (local.get $e)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (if (i32.ne (i32.load8_u (local.get $i)) (i32.const 32)) (then (return (i32.const -1))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $done (i32.eq (local.get $i) (local.get $e)))
        (if (i32.eq (local.get $n) (global.get $MAX_PARTS)) (then (return (i32.const -1))))
        (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 34))
          (then
            (local.set $i (call $quoted (local.get $i) (local.get $e) (local.get $n) (local.get $base)))
            (if (i32.lt_s (local.get $i) (i32.const 0)) (then (return (i32.const -1)))))
          (else
            (local.set $j (call $token (local.get $i) (local.get $e)))
            (i32.store (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $i) (local.get $base)))
            (i32.store offset=96 (i32.shl (local.get $n) (i32.const 2)) (i32.sub (local.get $j) (local.get $base)))
            (local.set $i (local.get $j))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; The memo: `memoReset` empties it and sets its shape (a power of two of slots, and the
  ;; longest key); a slot is chosen by a hash of a few sampled bytes, and a hit needs every
  ;; byte of the key to match, so a collision costs a miss, never a wrong answer.
  (func (export "memoReset") (param $slots i32) (param $maxKey i32)
    (global.set $memoMask (i32.sub (local.get $slots) (i32.const 1)))
    (global.set $memoStride (i32.and (i32.add (local.get $maxKey) (i32.const 7)) (i32.const -8)))
    (memory.fill (global.get $MEMO_LENS) (i32.const 0xff) (i32.shl (local.get $slots) (i32.const 2))))

  ;; The hash of the length and six bytes spread over the key at `a`: cheap whatever the length.
  (func $memoHash (param $a i32) (param $n i32) (result i32)
    (local $h i32) (local $k i32) (local $step i32) (local $last i32)
    (local.set $h (i32.mul (local.get $n) (i32.const 0x9e3779b1)))
    (if (i32.eqz (local.get $n)) (then (return (local.get $h))))
    (local.set $step (i32.add (i32.shr_u (local.get $n) (i32.const 2)) (i32.const 1)))
    (local.set $k (i32.const 1))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $h (i32.mul
          (i32.xor (local.get $h) (i32.load8_u (i32.add (local.get $a) (local.get $k))))
          (i32.const 0x01000193)))
        (local.set $k (i32.add (local.get $k) (local.get $step)))
        (br $next)))
    (local.set $last (i32.sub (i32.add (local.get $a) (local.get $n)) (i32.const 1)))
    (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load8_u (local.get $last)))
      (i32.const 0x01000193)))
    (local.set $h (i32.mul
      (i32.xor (local.get $h) (i32.load8_u (i32.sub (local.get $last)
        (select (i32.const 2) (i32.const 0) (i32.gt_u (local.get $n) (i32.const 2))))))
      (i32.const 0x01000193)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 15))))

  ;; The slot holding exactly the bytes [base + s, base + e), or -1. The caller keeps keys no
  ;; longer than the memo's longest.
  (func (export "memoFind") (param $base i32) (param $s i32) (param $e i32) (result i32)
    (local $a i32) (local $n i32) (local $h i32) (local $slot i32) (local $key i32) (local $k i32)
    (local.set $a (i32.add (local.get $base) (local.get $s)))
    (local.set $n (i32.sub (local.get $e) (local.get $s)))
    (local.set $h (call $memoHash (local.get $a) (local.get $n)))
    (local.set $slot (i32.and (local.get $h) (global.get $memoMask)))
    (if (i32.ne (i32.load (i32.add (global.get $MEMO_LENS) (i32.shl (local.get $slot) (i32.const 2))))
          (local.get $n))
      (then (return (i32.const -1))))
    (if (i32.ne (i32.load (i32.add (global.get $MEMO_HASHES) (i32.shl (local.get $slot) (i32.const 2))))
          (local.get $h))
      (then (return (i32.const -1))))
    (local.set $key (i32.add (global.get $MEMO_KEYS) (i32.mul (local.get $slot) (global.get $memoStride))))
    ;; eight bytes at a time, then the last (overlapping) word, or byte by byte when shorter
    (block $words
      (loop $next
        (br_if $words (i32.gt_u (i32.add (local.get $k) (i32.const 8)) (local.get $n)))
        (if (i64.ne (i64.load (i32.add (local.get $a) (local.get $k)))
              (i64.load (i32.add (local.get $key) (local.get $k))))
          (then (return (i32.const -1))))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $next)))
    (if (i32.ge_u (local.get $n) (i32.const 8))
      (then
        (local.set $k (i32.sub (local.get $n) (i32.const 8)))
        (if (i64.ne (i64.load (i32.add (local.get $a) (local.get $k)))
              (i64.load (i32.add (local.get $key) (local.get $k))))
          (then (return (i32.const -1))))
        (return (local.get $slot))))
    (block $bytes
      (loop $next
        (br_if $bytes (i32.ge_u (local.get $k) (local.get $n)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $k)))
              (i32.load8_u (i32.add (local.get $key) (local.get $k))))
          (then (return (i32.const -1))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $slot))

  ;; Keep the bytes [base + s, base + e), replacing whatever their slot held; returns the slot.
  (func (export "memoPut") (param $base i32) (param $s i32) (param $e i32) (result i32)
    (local $a i32) (local $n i32) (local $h i32) (local $slot i32)
    (local.set $a (i32.add (local.get $base) (local.get $s)))
    (local.set $n (i32.sub (local.get $e) (local.get $s)))
    (local.set $h (call $memoHash (local.get $a) (local.get $n)))
    (local.set $slot (i32.and (local.get $h) (global.get $memoMask)))
    (memory.copy
      (i32.add (global.get $MEMO_KEYS) (i32.mul (local.get $slot) (global.get $memoStride)))
      (local.get $a) (local.get $n))
    (i32.store (i32.add (global.get $MEMO_LENS) (i32.shl (local.get $slot) (i32.const 2))) (local.get $n))
    (i32.store (i32.add (global.get $MEMO_HASHES) (i32.shl (local.get $slot) (i32.const 2))) (local.get $h))
    (local.get $slot))

  ;; Keys held now.
  (func (export "memoSize") (result i32)
    (local $k i32) (local $n i32)
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (local.get $k) (global.get $memoMask)))
        (if (i32.ge_s (i32.load (i32.add (global.get $MEMO_LENS) (i32.shl (local.get $k) (i32.const 2))))
              (i32.const 0))
          (then (local.set $n (i32.add (local.get $n) (i32.const 1)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
