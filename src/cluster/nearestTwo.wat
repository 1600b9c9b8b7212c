(module
  ;; Compiled to dist/cluster/nearestTwo.wasm by scripts/build-wasm.mjs (wabt) at npm run build.
  (memory (export "mem") 1)
  ;; Nearest and second-nearest centre of one row, two centres per 128-bit lane pair (f64x2), each lane
  ;; summing the squared differences in dimension order: the same bits as the scalar JavaScript kernel
  ;; (rowPasses.nearestTwo), ties to the lower index. Memory: the row at byte 0 (d float64, d ≤ 256), the
  ;; two squared distances written at byte 2048 and 2056, the centres from byte 4096 interleaved in pairs
  ;; (centre 2p + lane, dimension t at ((p·d + t)·2 + lane)·8). Returns the nearest centre's index.
  (func (export "nearestTwo") (param $d i32) (param $k i32) (result i32)
    (local $p i32) (local $t i32) (local $cp i32) (local $pairs i32)
    (local $acc v128) (local $diff v128) (local $s f64) (local $b1 f64) (local $b2 f64) (local $a1 i32) (local $j i32)
    (local.set $pairs (i32.shr_u (i32.add (local.get $k) (i32.const 1)) (i32.const 1)))
    (local.set $b1 (f64.const inf)) (local.set $b2 (f64.const inf))
    (local.set $cp (i32.const 4096))
    (block $cdone (loop $cents
      (br_if $cdone (i32.ge_u (local.get $p) (local.get $pairs)))
      (local.set $acc (v128.const f64x2 0 0))
      (local.set $t (i32.const 0))
      (block $tdone (loop $dims
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $d)))
        (local.set $diff (f64x2.sub
          (v128.load64_splat (i32.shl (local.get $t) (i32.const 3)))
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
    (f64.store (i32.const 2048) (local.get $b1))
    (f64.store (i32.const 2056) (local.get $b2))
    (local.get $a1))
)
