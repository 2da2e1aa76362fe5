from lampiran.cli import main

main()
