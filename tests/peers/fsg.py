"""Reads Firestorm's binary graph file (.fsg, sim/graph/graph_cache.hpp) with numpy, and turns
it into a graph-tool graph, so that peers run on exactly the graph Firestorm ran on.

Layout: a 4096-byte header (magic "FSGRAPH\\0", version, agents, edges, community count, key,
array positions, file size, checksums, description), then uint64 offsets[agents + 1],
uint32 followers[edges] (row u = the agents who follow u) and uint32 community[agents], each
on a 4 KiB boundary. Everything little-endian.
"""
import struct

import warnings

import numpy as np

# graph-tool warns that it cannot draw without cairo; drawing is not needed here.
warnings.filterwarnings("ignore", message=".*(cairo|draw module).*")

_HEADER = struct.Struct("<8sII" + "Q" * 9)


class FsgGraph:
    def __init__(self, path):
        with open(path, "rb") as f:
            head = f.read(_HEADER.size)
        (magic, version, _header_bytes, agents, edges, communities, key, offsets_pos,
         targets_pos, community_pos, file_bytes, _checksum) = _HEADER.unpack(head)
        if magic != b"FSGRAPH\0" or version != 1:
            raise ValueError(f"{path}: not a Firestorm graph file (version 1)")
        self.path = path
        self.agents = agents
        self.edges = edges
        self.key = key
        data = np.memmap(path, mode="r", dtype=np.uint8, shape=(file_bytes,))
        self.offsets = data[offsets_pos:offsets_pos + 8 * (agents + 1)].view(np.uint64)
        self.followers = data[targets_pos:targets_pos + 4 * edges].view(np.uint32)
        self.community = data[community_pos:community_pos + 4 * communities].view(np.uint32)
        with open(path, "rb") as f:
            f.seek(88)
            self.description = f.read(3072).split(b"\0", 1)[0].decode()

    def sources(self):
        """The author of each entry of `followers` (the CSR row index), as uint32."""
        degree = np.diff(self.offsets.astype(np.int64))
        return np.repeat(np.arange(self.agents, dtype=np.uint32), degree)

    def is_symmetric(self):
        src, dst = self.sources(), np.asarray(self.followers)
        forward = np.sort(src.astype(np.uint64) << 32 | dst)
        backward = np.sort(dst.astype(np.uint64) << 32 | src)
        return np.array_equal(forward, backward)

    def to_graph_tool(self, directed=None):
        """A graph_tool.Graph with the same agents and edges. An undirected graph (every edge in
        both directions, as Barabási–Albert makes) becomes an undirected graph-tool graph with
        one edge per pair; otherwise a directed graph with edges author -> follower."""
        import graph_tool.all as gt
        src, dst = self.sources(), np.asarray(self.followers)
        if directed is None:
            directed = not self.is_symmetric()
        g = gt.Graph(directed=directed)
        g.add_vertex(self.agents)
        if directed:
            g.add_edge_list(np.column_stack((src, dst)))
        else:
            keep = src < dst
            g.add_edge_list(np.column_stack((src[keep], dst[keep])))
        return g
