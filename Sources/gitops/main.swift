import GitOpsCLI
GitOpsCommand.main()
