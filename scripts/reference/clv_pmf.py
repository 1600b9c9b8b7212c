"""Reference P(X(t) = x) for the purchase models, for test/fixtures/clv_pmf.json, computed by numerical
integration over each model's mixing distributions (scipy), independently of Segmenta's closed forms.

Run: /usr/bin/python3 scripts/reference/clv_pmf.py > test/fixtures/clv_pmf.json
Needs Debian's python3-scipy. Parameters: the BTYD walkthrough's CDNOW fits (weeks), BG/NBD (0.243, 4.414,
0.793, 2.426) and Pareto/NBD (0.5534, 10.5802, 0.6061, 11.6562); lifetimes' MBG/NBD CDNOW fit (0.525, 6.183,
0.891, 1.614); Fader, Hardie & Berger (2010)'s BG/BB donation fit (1.204, 0.750, 0.657, 2.783).

Given the individual rates, each model's count is elementary (the Gamma mixture of Poisson counts is the
negative binomial, scipy's nbinom; every other mixture is integrated numerically):
- BG/NBD: alive after x purchases with (1-p)^x Poisson(x; lt), or gone at the x-th purchase: p(1-p)^(x-1) P(N >= x);
- MBG/NBD: the same with one more chance to drop out at the first purchase: (1-p)^(x+1), p(1-p)^x;
- Pareto/NBD: alive through t, e^(-mu t) Poisson(x; lt), or gone at tau < t: int mu e^(-mu tau) Poisson(x; l tau);
- BG/BB: alive through n chances, C(n,x) p^x (1-p)^(n-x) (1-th)^n, or dead after chance i >= x.
The rates are then integrated against their Gamma / Beta mixing densities with scipy.integrate.
"""
import json
from math import comb, exp

from scipy import integrate, stats

T = 39
XS = range(8)


def nbd(x, r, alpha, t):
    """P(N(t) = x) for Poisson counts at a Gamma(r, alpha) rate: negative binomial."""
    return stats.nbinom.pmf(x, r, alpha / (alpha + t)) if t > 0 else (1.0 if x == 0 else 0.0)


def nbd_at_least(x, r, alpha, t):
    return 1.0 - sum(nbd(j, r, alpha, t) for j in range(x))


def gamma_mix(f, r, alpha):
    """E over lambda ~ Gamma(shape r, rate alpha) of f(lambda)."""
    dens = stats.gamma(r, scale=1 / alpha).pdf
    return integrate.quad(lambda l: f(l) * dens(l), 0, float("inf"), limit=400, epsabs=1e-13, epsrel=1e-11)[0]


def beta_mix(f, a, b):
    dens = stats.beta(a, b).pdf
    return integrate.quad(lambda p: f(p) * dens(p), 0, 1, limit=400, epsabs=1e-13, epsrel=1e-11)[0]


def bgnbd(params, t, x, extra):
    r, alpha, a, b = params
    def given_p(p):
        alive = (1 - p) ** (x + extra) * nbd(x, r, alpha, t)
        if x + extra == 0:
            return alive
        gone = p * (1 - p) ** (x + extra - 1) * nbd_at_least(x, r, alpha, t)
        return alive + gone
    return beta_mix(given_p, a, b)


def paretonbd(params, t, x):
    r, alpha, s, beta = params
    def given_mu(mu):
        alive = exp(-mu * t) * nbd(x, r, alpha, t)
        gone = integrate.quad(lambda tau: mu * exp(-mu * tau) * nbd(x, r, alpha, tau), 0, t, epsabs=1e-13, epsrel=1e-11)[0]
        return alive + gone
    return gamma_mix(given_mu, s, beta)


def bgbb(params, n, x):
    alpha, beta, gamma, delta = params
    def given(p, th):
        total = comb(n, x) * p**x * (1 - p) ** (n - x) * (1 - th) ** n
        total += sum(comb(i, x) * p**x * (1 - p) ** (i - x) * th * (1 - th) ** i for i in range(x, n))
        return total
    return beta_mix(lambda p: beta_mix(lambda th: given(p, th), gamma, delta), alpha, beta)


models = {
    "bgnbd": {"params": [0.243, 4.414, 0.793, 2.426], "t": T, "p": [bgnbd([0.243, 4.414, 0.793, 2.426], T, x, 0) for x in XS]},
    "mbgnbd": {"params": [0.525, 6.183, 0.891, 1.614], "t": T, "p": [bgnbd([0.525, 6.183, 0.891, 1.614], T, x, 1) for x in XS]},
    "paretonbd": {"params": [0.5534, 10.5802, 0.6061, 11.6562], "t": T, "p": [paretonbd([0.5534, 10.5802, 0.6061, 11.6562], T, x) for x in XS]},
    "bgbb": {"params": [1.204, 0.750, 0.657, 2.783], "t": 6, "p": [bgbb([1.204, 0.750, 0.657, 2.783], 6, x) for x in range(7)]},
}
print(json.dumps(models, indent=2))
