// The plan `compact-model init --blank` writes: a stand-alone scenario (no `extends`) that
// runs as written and shows every part of the format once: a horizon, its governments (two here),
// targets, assumptions, one mechanism of every kind in the registry, a published claim
// and an assertion. Names are generic (Country A, Program 1...), and every block has a
// comment saying what it means in budget terms, for an analyst starting from nothing.
import { forTerminal } from '../core/text.js';

/** The file's text; `schemaPath` is relative to the new file's folder. */
export function blankTemplate(name: string, schemaPath: string): string {
  return `# yaml-language-server: $schema=${forTerminal(schemaPath)}
#
# A stand-alone financing plan: every figure is here (nothing is inherited).
# Run it:    compact-model run FILE        Check it:  compact-model check FILE
# Amounts are USD: 250M, $2.5B, 1,250,000, or a range $2B-3B (run uses its midpoint).
# Rates: 5% or 0.05. Ratios: 2x or 25:1. Years: FY2028, or 1..N within the horizon.
# Every figure may be written { value: X, source: "where it comes from" }.
# The mechanisms below show one of each kind; delete the ones you do not need
# (and the claims or assertions that name them).
name: ${JSON.stringify(forTerminal(name))}
description: >-
  A new plan: Country A and Country B fund grants, an equity vehicle, a credit facility,
  a loan guarantee, a fund of funds and a study-gated project.

# The plan's fiscal years: FY2027 to FY2036 here.
horizon:
  start: FY2027
  years: 10

# The governments that fund the plan: a code of 2-3 capital letters, used everywhere below.
governments:
  AA: { name: Country A }
  BB: { name: Country B }

# What the plan promises. floor: what each government appropriates at least, every year;
# mobilization: the public and private capital the plan should mobilize in all.
targets:
  floor: { value: 150M, source: "assumption: the plan's per-government yearly floor" }
  mobilization: { value: 5B, source: "assumption: the plan's headline target" }

# Shared timing assumptions, named so mechanisms can refer to them.
assumptions:
  profiles:
    # How a year's budget authority turns into outlays (shares of it, year by year).
    grants:
      shares: [20%, 40%, 30%, 10%]
      source: "assumption: multi-year awards spend out over four years"
    loans:
      shares: [50%, 50%]
      source: "assumption: loans disburse over two years"
  spendOut: grants
  disbursement: loans
  drawdown: takahashi-alexander

mechanisms:
  # Grants: appropriated every year; the money is spent (budget cost = appropriations).
  - id: G-1
    kind: grant-program
    label: Research grants
    appropriations:
      AA: { amount: 100M, per: year, source: "assumption" }
      BB: { amount: 100M, per: year, source: "assumption" }
    spendOut: grants

  # Equity: an investment that earns distributions back (no budget cost by convention).
  - id: E-1
    kind: equity-vehicle
    label: Investment authority
    investments:
      AA: { amount: 500M, per: total, source: "assumption: invested evenly over the horizon" }
    distributions: { multiple: 1.5x, lag: 5, over: 5 }

  # Direct loans: budget cost = subsidy rate x face value, when the loans are obligated.
  - id: C-1
    kind: credit-facility
    label: Development loans
    obligations:
      AA: { amount: $1B-1.5B, per: total, source: "assumption: a range, run uses 1.25B" }
    subsidyRate: 5%
    disbursement: loans

  # Guarantees on private loans: budget cost = subsidy rate x amount guaranteed;
  # coFinance is all the lending backed per guaranteed dollar (2x: the guarantee covers
  # half of each loan), counted once: the half beyond the guarantee is private capital.
  - id: LG-1
    kind: loan-guarantee
    label: Export loan guarantees
    guarantees:
      BB: { amount: 50M, per: year, from: FY2028 }
    subsidyRate: 2%
    fees: 1%
    coFinance: 2x

  # A fund of funds: each government commits to waves of funds; private investors
  # (limited partners) add crowdIn x the public anchor. A later wave may be gated.
  - id: L-1
    kind: lp-fund-waves
    label: Fund of funds
    waves:
      - { id: wave-1, year: 1, commit: { AA: 200M, BB: 200M } }
      - id: wave-2
        year: 5
        commit: { AA: 200M, BB: 200M }
        gate: { label: first wave performs, holds: true, probability: 70% }
    crowdIn: 1.5x-2.5x

  # A project committed only if a feasibility study passes (probability: for simulate).
  - id: P-1
    kind: gated-project
    label: Infrastructure project
    study: { months: 6, passes: true, probability: 50% }
    window: { months: 24 }
    commit:
      AA: $200M-400M
      BB: $100M-200M
    fallback: none

  # A tax credit: rate x qualified private investment, claimed lag years later. Its cost
  # is revenue forgone (revenueLoss), not budget cost; the investment is private capital.
  - id: T-1
    kind: tax-credit
    label: Investment tax credit
    rate: 25%
    investment:
      AA: { amount: 100M, per: year }
    lag: 1

# Published figures the model is tested against: a warning when one does not hold.
claims:
  - id: yearly-appropriations-A
    text: "about $100M a year in grants from Country A"
    metric: budgetCost.AA.G-1.perYear
    published: 100M
    tolerance: 10%
    source: "where the figure was published"

# Hard rules: check fails (exit 1) when one does not hold. Amounts are USD millions.
assert:
  - budgetCost.total <= 5000
  - { id: target, that: target.met, source: "the plan must reach its target" }
`;
}
