import GitOpsCLI

await GitOpsCommand.main()
