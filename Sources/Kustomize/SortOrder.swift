import GitOpsAPI

/// The output order (kustomize's `applySortOrder`): the top kustomization's `sortOptions`
/// (`order: legacy` with optional `legacySortOptions.orderFirst/orderLast`, or `order: fifo`
/// for the order resources were accumulated in); without it, the legacy order. Only the
/// kustomization being built decides: `sortOptions` of bases are ignored.
enum SortOrder {
    static func apply(_ context: inout BuildContext) throws {
        guard let options = context.file.raw["sortOptions"], !options.isNull else {
            LegacyOrder.sort(&context.objects)
            return
        }
        if let order = try parse(options, file: context.file.path) { order.sort(&context.objects) }
    }

    /// The legacy order the options ask for, or nil for fifo (kustomize's
    /// `SortOrderTransformerPlugin` defaults and validation).
    static func parse(_ options: JSONValue, file: String) throws -> LegacyOrder? {
        guard case .object = options else {
            throw BuildError.invalid(file: file, message: "sortOptions: expected a map with order (legacy or fifo), found \(options.typeName)")
        }
        let order = options["order"]?.stringValue ?? ""
        let legacy = options["legacySortOptions"].flatMap { $0.isNull ? nil : $0 }
        switch order {
        case "fifo":
            if legacy != nil {
                throw BuildError.invalid(file: file, message: "the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'; remove legacySortOptions or set order: legacy")
            }
            return nil
        case "legacy":
            guard let legacy else { return LegacyOrder.standard }
            func kinds(_ key: String) throws -> [String] {
                guard let list = legacy[key], !list.isNull else { return [] }
                return try KustomizationFile.strings(list, "sortOptions.legacySortOptions.\(key)", file)
            }
            return LegacyOrder(orderFirst: try kinds("orderFirst"), orderLast: try kinds("orderLast"))
        default:
            throw BuildError.invalid(file: file, message: "the field 'sortOptions.order' must be one of [fifo, legacy]")
        }
    }
}
