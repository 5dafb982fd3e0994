"""Loads a links.gexf written by `tisse analyze --gexf` with networkx, as a Gephi user's
script would, and checks what it holds (issue 12).

Usage: python gexf_networkx.py FILE NODES EDGES
Exits 1 when networkx cannot read the file, or reads other counts than expected.
"""

import collections
import sys

import networkx as nx


def main(path, nodes, edges):
    graph = nx.read_gexf(path)
    kinds = collections.Counter(data["kind"] for _, data in graph.nodes(data=True))
    edge_kinds = collections.Counter(data["kind"] for _, _, data in graph.edges(data=True))
    print(f"{path}: {graph.number_of_nodes()} nodes {dict(sorted(kinds.items()))}, "
          f"{graph.number_of_edges()} edges {dict(sorted(edge_kinds.items()))}")
    problems = []
    if graph.number_of_nodes() != nodes:
        problems.append(f"expected {nodes} nodes")
    if graph.number_of_edges() != edges:
        problems.append(f"expected {edges} edges")
    if not graph.is_directed():
        problems.append("expected a directed graph")
    for source, target, data in graph.edges(data=True):
        if data.get("weight", 0) < 1:
            problems.append(f"edge {source} -> {target} has no weight")
            break
    for problem in problems:
        print(f"{path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
