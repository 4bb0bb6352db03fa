from coachcli.entry import main

main()
