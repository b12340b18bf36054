"""The network a stranger's look-ups count under: an IPv4 address alone, an IPv6 address by its /64.

An IPv6 client is normally given a whole /64 network and may change the last 64 bits of its
address at will (privacy addresses change daily on their own), so counting each IPv6 address
alone would let one client try codes from a fresh address each time. Its wrong codes count for its
/64 instead, written as that network (`2001:db8:1:2::/64`). An IPv4 address (one client, or many
behind one office's or one mobile network's NAT) counts alone, and so does an IPv4-mapped IPv6
address (`::ffff:203.0.113.7`, as a dual-stack server may see an IPv4 client): as its IPv4 address.
"""
from __future__ import annotations

import ipaddress

IPV6_NETWORK = 64  # the prefix length of the network one IPv6 client is usually given


def address_key(address: str | None) -> str | None:
    """Return the key a network address's look-ups count under, or None for no address.

    A key already (`2001:db8:1:2::/64`, as the console sends it back) is its own key; text that is
    not an address is kept as given, trimmed.
    """
    text = (address or "").strip()[:100]
    if not text:
        return None
    try:
        if "/" in text:
            network = ipaddress.ip_network(text, strict=False)
            if network.version == 6 and network.prefixlen >= IPV6_NETWORK:
                return _ipv6_key(network.network_address)
            return str(network) if network.num_addresses > 1 else str(network.network_address)
        parsed = ipaddress.ip_address(text.split("%", 1)[0])  # without an IPv6 zone ("fe80::1%eth0")
    except ValueError:
        return text
    return _ipv6_key(parsed) if parsed.version == 6 else str(parsed)


def _ipv6_key(address: ipaddress.IPv6Address) -> str:
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network((address, IPV6_NETWORK), strict=False))
