# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.82.2"
  constraints = ">= 5.70.0, ~> 5.80, < 6.0.0"
  hashes = [
    "h1:rBX7bEEqfqhCemFuOOWkKrCC2Wh8CzN6Pjqdr/Ro1wg=",
    "zh:2a57aa81f947105b7e1ad68399fe37ce5c07e078b671f4c21a726f47c57ba089",
    "zh:35bc203b24d49578a0b475a1e6807386d5484e48eacdc820875ba4210cd97eae",
    "zh:38f130b34aeb48ca699f3a89b9cb7cd5cf5c7d329047f909c1046f02ca155b94",
    "zh:5ce09c2495237498a94e2896994ec922ae90e58bf18d73668f93726067240082",
    "zh:717273d36f75cd04564be51c1a879820be0c16577598d698d7bff7e21eabb462",
    "zh:77393dbca1b1f94db84d2581ea8a7617e02043e6ded283640179b78b582734d8",
    "zh:86fd944e5595ec1c766c89dc3d344bdc798598f52af7050ca314f58cc4d4a6ab",
    "zh:975e4fdd012cb9bb5f58ff8191eaaaf160e4ec2fb6d2769437efc7d6d4905d56",
    "zh:b65d8efd86d4892459be59991311336ebdea789e0c73ae71feffd591a293c565",
    "zh:d088e5f17c402335b8bcc751dd9661d81298cd4bca1149d193e4bd5a4168ac15",
    "zh:d10040fd2c2fb1a6f61be2891bad9592c53300feb00fee16424588a4935c9e90",
    "zh:e67bd8488b5145f7143264d30d63a44502d6d2f8b7b39205554547cf3903cc02",
    "zh:f12d27e2d483c387afc606de7dbb3dafbb0d54e9861b9fd3128bf970ea1b8d6e",
    "zh:f80c6f71e3141406ea5100edef9c1b37ec909e1d7c1181bc8c816e687c54b067",
  ]
}
