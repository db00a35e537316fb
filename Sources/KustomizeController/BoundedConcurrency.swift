/// Runs `body` over `items` with at most `limit` calls in flight and returns the results in the
/// items' order: how the agent keeps a real API server busy without flooding it (Flux's
/// `--concurrent`-style bound on requests per reconcile).
func boundedMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], limit: Int, _ body: @escaping @Sendable (Item) async -> Result
) async -> [Result] {
    guard items.count > 1, limit > 1 else {
        var results: [Result] = []
        for item in items { results.append(await body(item)) }
        return results
    }
    return await withTaskGroup(of: (Int, Result).self) { group in
        var results = [Result?](repeating: nil, count: items.count)
        var next = 0
        while next < min(limit, items.count) {
            let index = next
            group.addTask { (index, await body(items[index])) }
            next += 1
        }
        while let (index, result) = await group.next() {
            results[index] = result
            if next < items.count {
                let index = next
                group.addTask { (index, await body(items[index])) }
                next += 1
            }
        }
        return results.map { $0! }
    }
}
