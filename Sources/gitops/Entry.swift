import GitOpsCLI

/// The `gitops` executable: everything lives in GitOpsCLI.
@main
struct Entry {
    static func main() async {
        await GitOpsCommand.main()
    }
}
