;; The inner kernel of matmul and attention: C = A·Bᵀ, every entry a dot product of a row of A
;; with a row of B. Source of dot-products-wasm.ts (`pnpm --filter @llm-basics/math-core wasm`).
;;
;; Layout (byte offsets into memory, 16-byte aligned): A is n×k, B is m×k, C is n×m, row-major,
;; with n, m and k even (the caller pads with zeros). Each dot product runs in two lanes: lane 0
;; adds the even-numbered terms in order, lane 1 the odd ones, and the result is lane 0 + lane 1.
;; kernel.ts's JavaScript fallback adds in exactly that order, so both give the same bits.
(module
  (memory (export "memory") 1)
  (func (export "multiplyTransposed")
    (param $a i32) (param $b i32) (param $c i32) (param $n i32) (param $m i32) (param $k i32)
    (local $i i32) (local $j i32) (local $p i32) (local $rowBytes i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $out i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $x0 v128) (local $x1 v128) (local $y0 v128) (local $y1 v128)
    (local.set $rowBytes (i32.shl (local.get $k) (i32.const 3)))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $n)))
        ;; Two rows of A meet two rows of B: four sums from four loads per step.
        (local.set $a0 (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $a1 (i32.add (local.get $a0) (local.get $rowBytes)))
        (local.set $j (i32.const 0))
        (block $colsDone
          (loop $cols
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $m)))
            (local.set $b0 (i32.add (local.get $b) (i32.mul (local.get $j) (local.get $rowBytes))))
            (local.set $b1 (i32.add (local.get $b0) (local.get $rowBytes)))
            (local.set $s00 (f64x2.splat (f64.const 0)))
            (local.set $s01 (f64x2.splat (f64.const 0)))
            (local.set $s10 (f64x2.splat (f64.const 0)))
            (local.set $s11 (f64x2.splat (f64.const 0)))
            (local.set $p (i32.const 0))
            (block $termsDone
              (loop $terms
                (br_if $termsDone (i32.ge_u (local.get $p) (local.get $rowBytes)))
                (local.set $x0 (v128.load (i32.add (local.get $a0) (local.get $p))))
                (local.set $x1 (v128.load (i32.add (local.get $a1) (local.get $p))))
                (local.set $y0 (v128.load (i32.add (local.get $b0) (local.get $p))))
                (local.set $y1 (v128.load (i32.add (local.get $b1) (local.get $p))))
                (local.set $s00 (f64x2.add (local.get $s00) (f64x2.mul (local.get $x0) (local.get $y0))))
                (local.set $s01 (f64x2.add (local.get $s01) (f64x2.mul (local.get $x0) (local.get $y1))))
                (local.set $s10 (f64x2.add (local.get $s10) (f64x2.mul (local.get $x1) (local.get $y0))))
                (local.set $s11 (f64x2.add (local.get $s11) (f64x2.mul (local.get $x1) (local.get $y1))))
                (local.set $p (i32.add (local.get $p) (i32.const 16)))
                (br $terms)))
            (local.set $out
              (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $m)) (local.get $j)) (i32.const 3))))
            (f64.store (local.get $out)
              (f64.add (f64x2.extract_lane 0 (local.get $s00)) (f64x2.extract_lane 1 (local.get $s00))))
            (f64.store offset=8 (local.get $out)
              (f64.add (f64x2.extract_lane 0 (local.get $s01)) (f64x2.extract_lane 1 (local.get $s01))))
            (local.set $out (i32.add (local.get $out) (i32.shl (local.get $m) (i32.const 3))))
            (f64.store (local.get $out)
              (f64.add (f64x2.extract_lane 0 (local.get $s10)) (f64x2.extract_lane 1 (local.get $s10))))
            (f64.store offset=8 (local.get $out)
              (f64.add (f64x2.extract_lane 0 (local.get $s11)) (f64x2.extract_lane 1 (local.get $s11))))
            (local.set $j (i32.add (local.get $j) (i32.const 2)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $rows)))))
