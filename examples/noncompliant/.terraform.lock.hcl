# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.82.2"
  constraints = ">= 5.0"
  hashes = [
    "h1:3NA8fnGVqY8sU+8wzn/SjSRBlmqImLd06bZhQsDCPjM=",
    "zh:0601f35b634009274fb316082dce5d3c4f102bfe306ab42431a3fee1f1eeb33d",
    "zh:08cf3b7bb7380c7a4f7e03aceba3b03747d4a829992c62e7612d2c1b9ee23835",
    "zh:0baf4639c5859785918fca03b4b98ba7410b4fb8d24029c62f7e7f7c74d6797d",
    "zh:258676e9e750c40f9782e7b6d912f910a8d9538dc82bf564582d4e9330e8e483",
    "zh:4d1033d35c8f5ccd0c8ac77dddfb67aba7f0918d88a12ac48029b28e12f322c6",
    "zh:4e467568430d0e24e6fb959c471bf7c5baedc940aba3c1d9919a5e1b300d6820",
    "zh:63d180f2aa0f38d26a0768deb202feb3ebd22b23ec0f87716b9dbba3b332fc11",
    "zh:69f1314926cdb728f9a39eebeab14eb6be1777ead75b0cc93d480b6e266a5548",
    "zh:93c0ffe6b3175c046b8bc40c6bc3eaa6f40c8c48a415439071479f31ca778aac",
    "zh:a85f40578448033d8f27ce5de0b57bc9bf7885ae881ee6b49d4210f9eea5ae82",
    "zh:a911570f8f927d7322c2bb68d4bda2c8f0dbd7db52d72b85f83dd12b4c38b98d",
    "zh:b6f8baa8e512c8a40526444b23f19bf37a56370cce68e40e5099b38f970df6c2",
    "zh:efd56c0d1799970f29ea0e16cd1eea595621e71cbc6698c1992ca820d2493fc2",
    "zh:fdeb614176256a42eec465489b4d75e11237a60230ba37fbb4748bb6eaa2a5c0",
  ]
}
