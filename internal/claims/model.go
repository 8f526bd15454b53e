package claims

import (
	"fmt"
	"math"
	"slices"
)

// Model is a logistic model over the features of a (query, claim) pair: the probability
// that the claim is the one the item carries is σ(Bias + Σ Weights[i]·(x[i]−Mean[i])/Scale[i]).
// It is trained on CLEF 2020 CheckThat! Task 2 train by internal/claims/train, which writes
// the built-in model into model_weights.go. A Model is immutable once in use.
type Model struct {
	Features []string  // feature names, FeatureNames() at training time
	Mean     []float64 // per feature, subtracted
	Scale    []float64 // per feature, divided by (0 is taken as 1)
	Weights  []float64
	Bias     float64
}

// Validate checks that the model fits the features of this version of the package.
func (md *Model) Validate() error {
	if !slices.Equal(md.Features, featureNames[:]) {
		return fmt.Errorf("claims model: features %v, want %v", md.Features, featureNames)
	}
	if len(md.Mean) != numFeatures || len(md.Scale) != numFeatures || len(md.Weights) != numFeatures {
		return fmt.Errorf("claims model: want %d means, scales and weights", numFeatures)
	}
	return nil
}

// Logit returns the model's log-odds for features x.
func (md *Model) Logit(x []float64) float64 {
	z := md.Bias
	for i, w := range md.Weights {
		s := md.Scale[i]
		if s == 0 {
			s = 1
		}
		z += w * (x[i] - md.Mean[i]) / s
	}
	return z
}

// Prob returns σ(Logit(x)), in [0, 1].
func (md *Model) Prob(x []float64) float64 { return sigmoid(md.Logit(x)) }

func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// DefaultModel returns (a copy of) the built-in calibrated model (Options.Model).
func DefaultModel() *Model { return copyModel(&builtinModel) }

// DefaultRankModel returns (a copy of) the built-in ranking model (Options.RankModel).
func DefaultRankModel() *Model { return copyModel(&builtinRankModel) }

func copyModel(src *Model) *Model {
	md := *src
	md.Features = slices.Clone(md.Features)
	md.Mean = slices.Clone(md.Mean)
	md.Scale = slices.Clone(md.Scale)
	md.Weights = slices.Clone(md.Weights)
	return &md
}
