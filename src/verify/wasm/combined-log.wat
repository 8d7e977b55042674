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
;; Out area, at address 0: part starts (i32 x 24), part ends (i32 x 24), then the line's clock
;; (f64, milliseconds since the epoch; NaN unless the clock has the usual shape and parses).
;; Build: `npm run build:wasm` turns this file into combined-log.wasm.ts.
(module
  (import "env" "memory" (memory 1))

  (global $PS i32 (i32.const 0))
  (global $PE i32 (i32.const 96))
  (global $CLOCK i32 (i32.const 192))
  (global $MAX_PARTS i32 (i32.const 24))

  ;; Record part `n` as [s, e) relative to `base`.
  (func $part (param $n i32) (param $base i32) (param $s i32) (param $e i32)
    (i32.store (i32.add (global.get $PS) (i32.shl (local.get $n) (i32.const 2)))
      (i32.sub (local.get $s) (local.get $base)))
    (i32.store (i32.add (global.get $PE) (i32.shl (local.get $n) (i32.const 2)))
      (i32.sub (local.get $e) (local.get $base))))

  ;; The end of a space-free token starting at `i` (the first space, or `e`).
  (func $token (param $i i32) (param $e i32) (result i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (br_if $done (i32.eq (i32.load8_u (local.get $i)) (i32.const 32)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))

  ;; A quoted part whose opening quote is at `q`: records it as part `n` and returns the
  ;; address after the closing quote, or -1. A backslash escapes the byte after it.
  (func $quoted (param $q i32) (param $e i32) (param $n i32) (param $base i32) (result i32)
    (local $i i32) (local $c i32)
    (local.set $i (i32.add (local.get $q) (i32.const 1)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $c (i32.load8_u (local.get $i)))
        (br_if $done (i32.eq (local.get $c) (i32.const 34)))
        (local.set $i (i32.add (local.get $i)
          (select (i32.const 2) (i32.const 1) (i32.eq (local.get $c) (i32.const 92)))))
        (br $next)))
    (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (i32.const -1))))
    (call $part (local.get $n) (local.get $base) (i32.add (local.get $q) (i32.const 1)) (local.get $i))
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

  ;; The clock `dd/Mon/yyyy:HH:MM:SS +zzzz` at `c` whose separators are already checked, as
  ;; milliseconds since the epoch, or NaN. The offset's hours and minutes are digits only.
  (func $clock (param $c i32) (result f64)
    (local $d i32) (local $m i32) (local $y i32) (local $y2 i32)
    (local $h i32) (local $mi i32) (local $s i32) (local $oh i32) (local $om i32) (local $off i32)
    (local.set $d (call $two (local.get $c)))
    (local.set $m (call $month (i32.add (local.get $c) (i32.const 3))))
    (local.set $y (call $two (i32.add (local.get $c) (i32.const 7))))
    (local.set $y2 (call $two (i32.add (local.get $c) (i32.const 9))))
    (local.set $h (call $two (i32.add (local.get $c) (i32.const 12))))
    (local.set $mi (call $two (i32.add (local.get $c) (i32.const 15))))
    (local.set $s (call $two (i32.add (local.get $c) (i32.const 18))))
    (local.set $oh (call $two (i32.add (local.get $c) (i32.const 22))))
    (local.set $om (call $two (i32.add (local.get $c) (i32.const 24))))
    (if (i32.or (i32.or (i32.or (i32.lt_s (local.get $d) (i32.const 1)) (i32.eqz (local.get $m)))
          (i32.or (i32.lt_s (local.get $y) (i32.const 0)) (i32.lt_s (local.get $y2) (i32.const 0))))
        (i32.or (i32.or (i32.lt_s (local.get $oh) (i32.const 0)) (i32.lt_s (local.get $om) (i32.const 0)))
          (i32.or (i32.or (i32.lt_s (local.get $h) (i32.const 0)) (i32.gt_s (local.get $h) (i32.const 23)))
            (i32.or (i32.or (i32.lt_s (local.get $mi) (i32.const 0)) (i32.gt_s (local.get $mi) (i32.const 59)))
              (i32.or (i32.lt_s (local.get $s) (i32.const 0)) (i32.gt_s (local.get $s) (i32.const 60)))))))
      (then (return (f64.const nan))))
    (local.set $y (i32.add (i32.mul (local.get $y) (i32.const 100)) (local.get $y2)))
    (if (i32.gt_s (local.get $d) (call $monthDays (local.get $y) (local.get $m)))
      (then (return (f64.const nan))))
    (local.set $off (i32.add (i32.mul (local.get $oh) (i32.const 60)) (local.get $om)))
    (if (i32.eq (i32.load8_u (i32.add (local.get $c) (i32.const 21))) (i32.const 45))
      (then (local.set $off (i32.sub (i32.const 0) (local.get $off)))))
    (f64.convert_i64_s
      (i64.add
        (i64.mul (i64.extend_i32_s (call $daysFromCivil (local.get $y) (local.get $m) (local.get $d)))
          (i64.const 86400000))
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
        (call $part (local.get $n) (local.get $base) (local.get $i) (local.get $sp))
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
    (call $part (i32.const 3) (local.get $base) (i32.add (local.get $i) (i32.const 1)) (local.get $close))
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
        (call $part (local.get $n) (local.get $base) (local.get $i) (local.get $sp))
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
            (call $part (local.get $n) (local.get $base) (local.get $i) (local.get $j))
            (local.set $i (local.get $j))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))
)
