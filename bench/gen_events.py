#!/usr/bin/env python3
"""Writes N synthetic PLOVER JSON events for the store's query benchmark. Deterministic (seed 7).

Countries follow a Zipf-like weighting over 60 states, so a dyad such as CHN-JPN holds a realistic
small share; dates run 1979-2025; codes are drawn from common CAMEO codes.
Usage: gen_events.py OUT.jsonl N
"""
import datetime, json, random, sys

random.seed(7)
countries = ("USA CHN RUS GBR FRA DEU JPN IND ISR IRN PSE SYR IRQ UKR TUR PAK AFG KOR PRK SAU EGY "
             "NGA ZAF BRA MEX CAN AUS IDN PHL VNM THA MYS TWN HKG ESP ITA POL NLD BEL SWE NOR FIN "
             "LBN JOR YEM LBY SDN ETH KEN SOM COL VEN ARG CHL PER CUB MMR BGD LKA NPL").split()
weights = [1.0 / (i + 1) ** 0.8 for i in range(len(countries))]
roles = ["", "", "GOV", "GOV", "MIL", "COP", "BUS", "CVL", "MED", "LEG", "OPP"]
codes = ["010", "012", "013", "020", "036", "040", "042", "043", "046", "051", "057", "061", "071",
         "090", "111", "112", "120", "125", "130", "138", "141", "145", "163", "172", "173", "180",
         "190", "193", "195"]
start = datetime.date(1979, 1, 1).toordinal()
span = datetime.date(2025, 12, 31).toordinal() - start
n = int(sys.argv[2])
with open(sys.argv[1], "w") as out:
    for i in range(n):
        a, b = random.choices(countries, weights, k=2)
        if a == b:
            b = random.choice(countries)
        day = datetime.date.fromordinal(start + random.randrange(span)).isoformat()
        out.write(json.dumps({"id": f"s{i}", "date": day, "source": a + random.choice(roles),
                              "target": b + random.choice(roles), "cameo": random.choice(codes),
                              "reports": random.randint(1, 9)}) + "\n")
