from vaultkit.entry import main

main()
