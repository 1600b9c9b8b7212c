(module
  ;; Compiled to dist/cluster/nearestTwo.wasm by scripts/build-wasm.mjs (wabt) at npm run build.
  (memory (export "mem") 1)
  ;; The two smallest squared distances of the last $two, for the caller to read.
  (global $b1 (mut f64) (f64.const 0))
  (global $b2 (mut f64) (f64.const 0))
  ;; Memory: the centres from byte 0 interleaved in pairs (centre 2p + lane, dimension t at
  ;; ((p·d + t)·2 + lane)·8); the block functions' arrays wherever their pointers say (after the centres).
  ;;
  ;; Nearest and second-nearest centre of the row at byte $row, two centres per 128-bit lane pair (f64x2),
  ;; each lane summing the squared differences in dimension order: the same bits as the scalar JavaScript
  ;; kernel (rowPasses.nearestTwo), ties to the lower index. Returns the nearest centre's index; $b1 and $b2
  ;; hold the two smallest squared distances.
  (func $two (param $row i32) (param $d i32) (param $k i32) (result i32)
    (local $p i32) (local $t i32) (local $cp i32) (local $pairs i32)
    (local $acc v128) (local $diff v128) (local $s f64) (local $b1 f64) (local $b2 f64) (local $a1 i32) (local $j i32)
    (local.set $pairs (i32.shr_u (i32.add (local.get $k) (i32.const 1)) (i32.const 1)))
    (local.set $b1 (f64.const inf)) (local.set $b2 (f64.const inf))
    (local.set $cp (i32.const 0))
    (block $cdone (loop $cents
      (br_if $cdone (i32.ge_u (local.get $p) (local.get $pairs)))
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $t (i32.const 0))
      (block $tdone (loop $dims
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $d)))
        (local.set $diff (f64x2.sub
          (v128.load64_splat (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))
          (v128.load (i32.add (local.get $cp) (i32.shl (local.get $t) (i32.const 4))))))
        (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (local.get $diff) (local.get $diff))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $dims)))
      (local.set $j (i32.shl (local.get $p) (i32.const 1)))
      (local.set $s (f64x2.extract_lane 0 (local.get $acc)))
      (if (f64.lt (local.get $s) (local.get $b1))
        (then (local.set $b2 (local.get $b1)) (local.set $b1 (local.get $s)) (local.set $a1 (local.get $j)))
        (else (if (f64.lt (local.get $s) (local.get $b2)) (then (local.set $b2 (local.get $s))))))
      (if (i32.lt_u (i32.add (local.get $j) (i32.const 1)) (local.get $k)) (then
        (local.set $s (f64x2.extract_lane 1 (local.get $acc)))
        (if (f64.lt (local.get $s) (local.get $b1))
          (then (local.set $b2 (local.get $b1)) (local.set $b1 (local.get $s)) (local.set $a1 (i32.add (local.get $j) (i32.const 1))))
          (else (if (f64.lt (local.get $s) (local.get $b2)) (then (local.set $b2 (local.get $s))))))))
      (local.set $cp (i32.add (local.get $cp) (i32.shl (local.get $d) (i32.const 4))))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $cents)))
    (global.set $b1 (local.get $b1))
    (global.set $b2 (local.get $b2))
    (local.get $a1))

  ;; $count rows from byte $x (row-major, d float64 each): each one's nearest centre into $lab (int32) and,
  ;; with $second = 0, its squared distance into $first; with $second ≠ 0, the square roots of the two
  ;; smallest squared distances into $first and $second (Hamerly's first bounds).
  (func (export "nearestBlock") (param $d i32) (param $k i32) (param $count i32) (param $x i32) (param $lab i32) (param $first i32) (param $second i32)
    (local $r i32) (local $o i32)
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
      (i32.store (i32.add (local.get $lab) (i32.shl (local.get $r) (i32.const 2)))
        (call $two (i32.add (local.get $x) (i32.mul (local.get $r) (i32.shl (local.get $d) (i32.const 3)))) (local.get $d) (local.get $k)))
      (local.set $o (i32.shl (local.get $r) (i32.const 3)))
      (if (local.get $second)
        (then
          (f64.store (i32.add (local.get $first) (local.get $o)) (f64.sqrt (global.get $b1)))
          (f64.store (i32.add (local.get $second) (local.get $o)) (f64.sqrt (global.get $b2))))
        (else (f64.store (i32.add (local.get $first) (local.get $o)) (global.get $b1))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))

  ;; Hamerly's assignment step over $count rows from byte $x, the same arithmetic in the same order as
  ;; rowPasses.hamerlyStep: the bounds ($up, $lo) take the last centre moves (upper + $moved[label], lower −
  ;; $max2 for the centre $arg1 that moved most, else − $max1); a row whose upper bound exceeds
  ;; max($gap[label], lower) gets its own distance made exact, then, if still above, its nearest two
  ;; centres. $from gets the old label of a row that moved, else −1.
  (func (export "hamerlyBlock") (param $d i32) (param $k i32) (param $count i32) (param $x i32) (param $lab i32) (param $up i32) (param $lo i32)
    (param $from i32) (param $moved i32) (param $gap i32) (param $max1 f64) (param $max2 f64) (param $arg1 i32)
    (local $r i32) (local $a i32) (local $n i32) (local $row i32) (local $t i32) (local $cp i32) (local $o4 i32) (local $o8 i32)
    (local $u f64) (local $l f64) (local $m f64) (local $e f64) (local $diff f64)
    (block $done (loop $rows
      (br_if $done (i32.ge_u (local.get $r) (local.get $count)))
      (block $next
        (local.set $o4 (i32.shl (local.get $r) (i32.const 2)))
        (local.set $o8 (i32.shl (local.get $r) (i32.const 3)))
        (local.set $a (i32.load (i32.add (local.get $lab) (local.get $o4))))
        (local.set $u (f64.add (f64.load (i32.add (local.get $up) (local.get $o8))) (f64.load (i32.add (local.get $moved) (i32.shl (local.get $a) (i32.const 3))))))
        (local.set $l (f64.sub (f64.load (i32.add (local.get $lo) (local.get $o8)))
          (select (local.get $max2) (local.get $max1) (i32.eq (local.get $a) (local.get $arg1)))))
        (f64.store (i32.add (local.get $up) (local.get $o8)) (local.get $u))
        (f64.store (i32.add (local.get $lo) (local.get $o8)) (local.get $l))
        (i32.store (i32.add (local.get $from) (local.get $o4)) (i32.const -1))
        (local.set $m (f64.max (f64.load (i32.add (local.get $gap) (i32.shl (local.get $a) (i32.const 3)))) (local.get $l)))
        (br_if $next (f64.le (local.get $u) (local.get $m)))
        ;; The own centre's squared distance, scalar, in dimension order (rowPasses.squaredTo).
        (local.set $row (i32.add (local.get $x) (i32.mul (local.get $r) (i32.shl (local.get $d) (i32.const 3)))))
        (local.set $cp (i32.shl (i32.add (i32.mul (i32.shr_u (local.get $a) (i32.const 1)) (i32.shl (local.get $d) (i32.const 1)))
          (i32.and (local.get $a) (i32.const 1))) (i32.const 3)))
        (local.set $e (f64.const 0))
        (local.set $t (i32.const 0))
        (block $tdone (loop $dims
          (br_if $tdone (i32.ge_u (local.get $t) (local.get $d)))
          (local.set $diff (f64.sub (f64.load (i32.add (local.get $row) (i32.shl (local.get $t) (i32.const 3))))
            (f64.load (i32.add (local.get $cp) (i32.shl (local.get $t) (i32.const 4))))))
          (local.set $e (f64.add (local.get $e) (f64.mul (local.get $diff) (local.get $diff))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $dims)))
        (local.set $e (f64.sqrt (local.get $e)))
        (f64.store (i32.add (local.get $up) (local.get $o8)) (local.get $e))
        (br_if $next (f64.le (local.get $e) (local.get $m)))
        (local.set $n (call $two (local.get $row) (local.get $d) (local.get $k)))
        (i32.store (i32.add (local.get $lab) (local.get $o4)) (local.get $n))
        (f64.store (i32.add (local.get $up) (local.get $o8)) (f64.sqrt (global.get $b1)))
        (f64.store (i32.add (local.get $lo) (local.get $o8)) (f64.sqrt (global.get $b2)))
        (if (i32.ne (local.get $n) (local.get $a)) (then (i32.store (i32.add (local.get $from) (local.get $o4)) (local.get $a)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rows))))
)
