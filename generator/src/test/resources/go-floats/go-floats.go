package main

import (
	"fmt"
	"math"
	"math/rand"
	"strconv"
)

func main() {
	r := rand.New(rand.NewSource(42))
	vals := []float64{0, math.Copysign(0, -1), 1e-06, 0.1, 1.5, 100.25, 1e21, 1.5e300, 5e-324, 123456789.125, 2.0e-7, 0.002, 1e23, 2e23, 8.41e21, 2.82879384806159e17, 5.684341886080802e-14, math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308, 1e6, 999999, 100000, 0.0001, 0.00001, -0.5, 9007199254740993, 1 << 63, 1.9400994884341945e25}
	for i := 0; i < 300; i++ {
		vals = append(vals, math.Float64frombits(r.Uint64()))
	}
	for i := 0; i < 100; i++ {
		vals = append(vals, float64(r.Int63n(1<<62))*math.Pow(10, float64(r.Intn(40)-20)))
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		fmt.Printf("%d %s\n", math.Float64bits(v), strconv.FormatFloat(v, 'g', -1, 64))
	}
}
